package dev.orders.functions.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An SDK HTTP client that answers from a script, and an interceptor that records every request the SDK
 * was asked to send: what an adapter sends is tested exactly, without a network or an emulator.
 */
final class StubHttp implements SdkHttpClient, ExecutionInterceptor {

    /** A scripted answer: a status, a JSON body and any headers beyond the content type and length. */
    record Answer(int status, String body, Map<String, String> headers) {}

    /** A request as it went out: the SDK's model object and the signed HTTP request with its body. */
    record Sent(SdkRequest request, SdkHttpRequest http, String body) {}

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<SdkRequest> requests = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    StubHttp answer(int status, String body) {
        return answer(status, body, Map.of());
    }

    StubHttp answer(int status, String body, Map<String, String> headers) {
        answers.add(new Answer(status, body, headers));
        return this;
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    static AwsEnvironment environment() {
        return new AwsEnvironment(Map.of(
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
    }

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return respond(request);
            }

            @Override
            public void abort() {}
        };
    }

    private synchronized HttpExecuteResponse respond(HttpExecuteRequest request) {
        String body = request.contentStreamProvider()
                .map(p -> {
                    try {
                        return new String(p.newStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse("");
        sent.add(new Sent(requests.isEmpty() ? null : requests.getLast(), request.httpRequest(), body));
        Answer answer = answers.isEmpty()
                ? new Answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"no scripted answer\"}", Map.of())
                : answers.poll();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                .statusCode(answer.status())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("Content-Length", Integer.toString(bytes.length));
        answer.headers().forEach(response::putHeader);
        return HttpExecuteResponse.builder()
                .response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    @Override
    public String clientName() {
        return "stub";
    }

    @Override
    public void close() {}
}
