package dev.orders.bench.load;

import dev.orders.bench.Samples;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop load: N workers, each sending its next request as soon as the previous one is answered, over
 * one shared JDK HttpClient (so N keep-alive connections), for a warm-up and then a measured period. Only
 * responses that arrive inside the measured period count. Bounded by time, loopback only.
 */
public final class LoadGenerator {

    /** What one measured period produced. */
    public record Outcome(
            long succeeded,
            long throttled,
            long failed,
            double seconds,
            Samples latencyMillis,
            long acknowledgedInAll) {
        public double throughput() {
            return succeeded / seconds;
        }
    }

    private final int connections;
    private final Duration warmUp;
    private final Duration measured;

    public LoadGenerator(int connections, Duration warmUp, Duration measured) {
        this.connections = connections;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /**
     * Runs the load. {@code requests} builds request number {@code n} (unique across workers);
     * {@code expected} is the status that counts as success; 429 is counted apart, anything else fails.
     */
    public Outcome run(LongFunction<HttpRequest> requests, int expected) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            for (int i = 0; i < connections; i++) {
                Worker worker = new Worker(client, requests, sequence, expected, measureFrom, end);
                workers.add(worker);
                threads.add(Thread.ofPlatform().name("load-" + i).start(worker));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long succeeded = 0;
        long throttled = 0;
        long failed = 0;
        int count = 0;
        long acknowledged = 0;
        for (Worker w : workers) {
            acknowledged += w.acknowledged;
            succeeded += w.succeeded;
            throttled += w.throttled;
            failed += w.failed;
            count += w.samples;
        }
        long[] latencies = new long[count];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, latencies, at, w.samples);
            at += w.samples;
        }
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            millis[i] = latencies[i] / 1e6;
        }
        return new Outcome(succeeded, throttled, failed, measured.toNanos() / 1e9, new Samples(millis), acknowledged);
    }

    private static final class Worker implements Runnable {
        private final HttpClient client;
        private final LongFunction<HttpRequest> requests;
        private final AtomicLong sequence;
        private final int expected;
        private final long measureFrom;
        private final long end;
        long[] latencies = new long[4096];
        int samples;
        long succeeded;
        long throttled;
        long failed;
        /** Every expected answer, warm-up included: what the server acknowledged. */
        long acknowledged;

        Worker(
                HttpClient client,
                LongFunction<HttpRequest> requests,
                AtomicLong sequence,
                int expected,
                long measureFrom,
                long end) {
            this.client = client;
            this.requests = requests;
            this.sequence = sequence;
            this.expected = expected;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            while (System.nanoTime() < end) {
                HttpRequest request = requests.apply(sequence.getAndIncrement());
                long sent = System.nanoTime();
                int status;
                try {
                    status = client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (java.io.IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long answered = System.nanoTime();
                if (status == expected) {
                    acknowledged++;
                }
                if (sent < measureFrom || answered > end) {
                    continue;
                }
                if (status == expected) {
                    succeeded++;
                } else if (status == 429) {
                    throttled++;
                } else {
                    failed++;
                }
                if (samples == latencies.length) {
                    latencies = java.util.Arrays.copyOf(latencies, samples * 2);
                }
                latencies[samples++] = answered - sent;
            }
        }
    }
}
