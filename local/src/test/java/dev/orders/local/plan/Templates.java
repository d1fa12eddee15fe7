package dev.orders.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.template.Repository;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.UnaryOperator;

/** The templates the planner's tests plan: the repository's own, variants of it, and the article's one-function API. */
public final class Templates {

    private Templates() {}

    static SamTemplate deployed() {
        return SamTemplate.parse(text());
    }

    /** The deployed template with one edit, which must change it. */
    static SamTemplate variant(UnaryOperator<String> edit) {
        String original = text();
        String edited = edit.apply(original);
        assertThat(edited).as("the edit changes the template").isNotEqualTo(original);
        return SamTemplate.parse(edited);
    }

    static String text() {
        try {
            return Files.readString(Repository.template());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The article's API: one function behind an HTTP API, no reserved concurrency and no stage throttling (so API
     * Gateway's account defaults apply), in an account of 1,000 with nothing else reserved.
     */
    public static final String ARTICLE = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
              OrderApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.orders.functions.api.OrderApiHandler::handleRequest
                  Timeout: 10
                  Events:
                    Place: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: POST, Path: /orders}}
            """;

    static SamTemplate article() {
        return SamTemplate.parse(ARTICLE);
    }
}
