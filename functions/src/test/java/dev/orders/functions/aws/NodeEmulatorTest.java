package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How an emulator process is started and kept: the behaviour every emulator test stands on. */
@Tag("emulator")
class NodeEmulatorTest {

    private static final Pattern LISTENING = Pattern.compile("listening at (http://\\S+)");

    private static NodeEmulator chatty(String mode) {
        return NodeEmulator.start(null, script(), List.of(mode), Map.of(), LISTENING);
    }

    private static String script() {
        try {
            return Path.of(NodeEmulatorTest.class
                            .getResource("/node-emulator/chatty.js")
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(URI uri) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    @Test
    void an_emulator_that_writes_after_listening_keeps_answering() throws Exception {
        try (NodeEmulator emulator = chatty("listen")) {
            for (int i = 0; i < 5; i++) {
                assertThat(get(emulator.endpoint().resolve("/request-" + i)))
                        .as(emulator.lastOutput())
                        .isEqualTo("ok");
            }

            assertThat(emulator.isRunning()).as(emulator.lastOutput()).isTrue();
            assertThat(emulator.lastOutput()).contains("chatty: GET /request-0", "chatty: a warning about /request-4");
        }
    }

    @Test
    void an_emulator_starts_while_every_worker_of_the_common_pool_is_busy() throws Exception {
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch busy = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blockers = java.util.stream.IntStream.range(0, workers)
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    busy.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .toList();
        try {
            busy.await();
            try (NodeEmulator emulator = chatty("listen")) {
                assertThat(get(emulator.endpoint())).isEqualTo("ok");
            }
        } finally {
            release.countDown();
            CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).join();
        }
    }

    @Test
    void an_emulator_that_exits_before_listening_fails_with_its_exit_status_and_output() {
        assertThatThrownBy(() -> chatty("fail"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited (status 3) before listening")
                .hasMessageContaining("chatty: cannot listen: address already in use");
    }
}
