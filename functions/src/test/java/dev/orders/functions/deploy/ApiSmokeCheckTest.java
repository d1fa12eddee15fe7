package dev.orders.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.api.OrderApiHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSmokeCheckTest {

    private final List<String> sent = new ArrayList<>();

    private ApiSmokeCheck answering(String functionError, String payload) {
        return new ApiSmokeCheck(request -> {
            sent.add(request);
            return new FunctionInvoker.Invocation(functionError, payload);
        });
    }

    @Test
    void it_asks_for_an_unknown_order_as_an_authenticated_http_api_caller() throws Exception {
        answering(null, "{\"statusCode\":404}").run();

        JsonNode request = new ObjectMapper().readTree(sent.getFirst());
        assertThat(request.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(request.path("path").asText()).isEqualTo("/orders/deploy-smoke-check");
        assertThat(request.path("pathParameters").path("orderId").asText()).isEqualTo("deploy-smoke-check");
        assertThat(request.at("/requestContext/authorizer/claims/sub").asText()).isEqualTo("deploy-smoke-check");
    }

    @Test
    void a_not_found_answer_passes() {
        assertThat(answering(null, "{\"statusCode\":404,\"body\":\"{}\"}").run().passed())
                .isTrue();
    }

    @Test
    void an_unauthorised_answer_fails_because_the_caller_was_not_read() {
        assertThat(answering(null, "{\"statusCode\":401}").run().passed()).isFalse();
        assertThat(answering(null, "{\"statusCode\":200}").run().passed()).isFalse();
    }

    @Test
    void the_real_order_api_handler_passes_the_check() {
        OrderApiHandler handler = new OrderApiHandler(new InMemoryOrderStore(), Clock.systemUTC());
        ObjectMapper lambdaLike =
                new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ApiSmokeCheck check = new ApiSmokeCheck(request -> {
            try {
                APIGatewayProxyRequestEvent event = lambdaLike.readValue(request, APIGatewayProxyRequestEvent.class);
                return new FunctionInvoker.Invocation(
                        null, lambdaLike.writeValueAsString(handler.handleRequest(event, null)));
            } catch (Exception e) {
                return new FunctionInvoker.Invocation("Unhandled", e.toString());
            }
        });
        SmokeCheck.Verdict verdict = check.run();
        assertThat(verdict.passed()).as(verdict.toString()).isTrue();
    }

    @Test
    void a_server_error_fails() {
        assertThat(answering(null, "{\"statusCode\":502}").run().passed()).isFalse();
    }

    @Test
    void a_function_error_fails_whatever_the_payload() {
        assertThat(answering("Unhandled", "{\"statusCode\":200}").run().passed())
                .isFalse();
    }

    @Test
    void an_answer_that_is_not_a_proxy_response_fails() {
        assertThat(answering(null, "null").run().passed()).isFalse();
        assertThat(answering(null, "not json").run().passed()).isFalse();
    }
}
