package dev.orders.local.cli;

import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./orders up}: every path in this process until Ctrl-C or SIGTERM; prints one line {@code ready URL}. */
@Command(name = "up", description = "run every path locally; prints 'ready URL' when it accepts requests; Ctrl-C stops it")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "the port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        LocalPlatform platform = LocalPlatform.open(data.dir, Faults.fromSystemProperties()).start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            platform.close();
            stopped.countDown();
        }));
        System.out.println("ready " + platform.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
