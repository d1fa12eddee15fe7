package dev.orders.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {

    private static FunctionSettings settings(Duration timeout, Integer reserved) {
        return new FunctionSettings("TestFunction", "x::handleRequest", timeout, 256, Optional.ofNullable(reserved));
    }

    private static LocalFunction<String, String> function(
            FunctionSettings settings, RequestHandler<String, String> handler) {
        return LocalFunction.inProcess(settings, String.class, String.class, handler);
    }

    @Test
    void a_handler_result_is_returned_with_a_context_that_knows_its_deadline() {
        LocalFunction<String, String> function = function(
                settings(Duration.ofSeconds(5), null),
                (input, context) ->
                        input + ":" + context.getFunctionName() + ":" + (context.getRemainingTimeInMillis() > 4000));
        assertThat(function.invoke("hi"))
                .isEqualTo(new LocalFunction.Result.Success<>("hi:TestFunction:true", "$LATEST"));
    }

    @Test
    void an_invocation_beyond_reserved_concurrency_is_throttled() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RequestHandler<String, String> slow = (input, context) -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        };
        LocalFunction<String, String> function = function(settings(Duration.ofSeconds(10), 1), slow);
        CompletableFuture<LocalFunction.Result<String>> first =
                CompletableFuture.supplyAsync(() -> function.invoke("a"));
        running.await(10, TimeUnit.SECONDS);
        assertThat(function.invoke("b")).isInstanceOf(LocalFunction.Result.Throttled.class);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new LocalFunction.Result.Success<>("done", "$LATEST"));
        assertThat(function.invoke("c")).isEqualTo(new LocalFunction.Result.Success<>("done", "$LATEST"));
    }

    @Test
    void a_thrown_exception_is_a_function_error() {
        LocalFunction<String, String> function = function(settings(Duration.ofSeconds(5), null), (input, context) -> {
            throw new IllegalArgumentException("bad input");
        });
        assertThat(function.invoke("x"))
                .isEqualTo(new LocalFunction.Result.Failed<>("java.lang.IllegalArgumentException", "bad input"));
    }

    @Test
    void a_handler_running_past_its_timeout_times_out() {
        CountDownLatch never = new CountDownLatch(1);
        LocalFunction<String, String> function = function(settings(Duration.ofMillis(100), null), (input, context) -> {
            try {
                never.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        assertThat(function.invoke("x")).isInstanceOf(LocalFunction.Result.TimedOut.class);
        never.countDown();
    }
}
