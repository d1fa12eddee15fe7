package dev.orders.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/template.yaml against AWS's published SAM schema (draft-04), kept in the repository with its licence and
 * the commit it came from (infra/schema/README.md): what would fail {@code sam validate} fails here, on every
 * machine, with no Python needed. cfn-lint (CfnLintTest) goes further where it is installed.
 */
class TemplateSchemaTest {

    private static Schema sam;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path schema = Repository.root().resolve("infra/schema/sam.schema.json");
        if (!Files.isRegularFile(schema)) {
            throw new IllegalStateException("SAM schema not found at " + schema + " (see infra/schema/README.md)");
        }
        try (InputStream in = Files.newInputStream(schema)) {
            sam = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in);
        }
    }

    @Test
    void the_deployed_template_is_valid_sam() throws IOException {
        List<Error> errors = validate(SamTemplate.read(Repository.template()));

        assertThat(errors).as("schema errors in infra/template.yaml").isEmpty();
    }

    @Test
    void a_misspelt_function_property_is_caught() throws IOException {
        SamTemplate broken = SamTemplate.parse("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Broken:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Runtime: java21
                      CodeUri: x.jar
                      Timout: 10
                """);

        assertThat(validate(broken)).extracting(Error::getMessage).anyMatch(m -> m.contains("Timout"));
    }

    private static List<Error> validate(SamTemplate template) throws IOException {
        return sam.validate(new ObjectMapper().writeValueAsString(template.tree()), InputFormat.JSON);
    }
}
