package dev.orders.bench.receipts;

import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.receipts.ReceiptPolicy;
import dev.orders.domain.testing.Fixtures;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.receipts.ReceiptEvents;
import dev.orders.functions.receipts.ReceiptObjects;
import dev.orders.functions.receipts.ReceiptsHandler;
import dev.orders.functions.receipts.ScratchSpace;
import dev.orders.functions.testing.TestContext;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * Sizes ReceiptsFunction: {@code generate DIR} writes the largest uploads the policy allows (a 40-megapixel JPEG and
 * PNG, each at most 10 MiB); {@code measure DIR} runs the real handler on them in a fresh JVM started with the
 * function's flags (one cold and five warm invocations each) and prints each invocation's wall time, the JVM's peak
 * heap use and the process's peak resident set (VmHWM), and the scratch directory's peak bytes. See docs/performance.md.
 */
public final class ReceiptsSizing {

    private static final int WIDTH = 7300;
    private static final int HEIGHT = 5470;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(dir);
            case "measure" -> measure(dir);
            default -> throw new IllegalArgumentException("generate DIR | measure DIR");
        }
        // the metrics library keeps a non-daemon thread
        System.exit(0);
    }

    private static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.DARK_GRAY);
        for (int y = 200; y < HEIGHT - 200; y += 90) {
            g.fillRect(400, y, WIDTH - 800, 30);
        }
        g.dispose();
        ImageIO.write(image, "png", dir.resolve("largest.png").toFile());
        // A photographed receipt is noisy: noise until the JPEG is as large as the policy allows.
        Random random = new Random(42);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int v = (image.getRGB(x, y) & 0xFF) - random.nextInt(24);
                int grey = Math.max(0, v);
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        for (float quality = 0.9f; quality > 0.2f; quality -= 0.1f) {
            Path jpeg = dir.resolve("largest.jpg");
            // FileImageOutputStream writes over a file without truncating it
            Files.deleteIfExists(jpeg);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (FileImageOutputStream out = new FileImageOutputStream(jpeg.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            if (Files.size(jpeg) <= ReceiptPolicy.MAX_BYTES) {
                break;
            }
        }
        for (String name : List.of("largest.jpg", "largest.png")) {
            System.out.printf("%s %d bytes, %d x %d%n", name, Files.size(dir.resolve(name)), WIDTH, HEIGHT);
        }
    }

    private static void measure(Path dir) throws Exception {
        InMemoryOrderStore store = new InMemoryOrderStore();
        var command = ((PlacingOrderPolicy.Verdict.Valid)
                        PlacingOrderPolicy.check(Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key("sizing")))
                .command();
        OrderId orderId = ((AcceptingOrders.Outcome.Accepted)
                        new AcceptingOrders(store, java.time.Clock.systemUTC(), () -> "sizing-order").accept(command))
                .order()
                .id();
        Path scratchRoot = dir.resolve("tmp");
        ScratchSpace scratch = new ScratchSpace(scratchRoot, 512L * 1024 * 1024);
        FileObjects objects = new FileObjects(dir);
        ReceiptsHandler handler = new ReceiptsHandler(store, objects, scratch, java.time.Clock.systemUTC());
        TestContext context = new TestContext("ReceiptsFunction");
        int n = 0;
        for (String name : List.of("largest.jpg", "largest.png")) {
            Path file = dir.resolve(name);
            String etag =
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String key = "receipts/" + orderId + "/r" + n++;
                objects.add(key, file, name.endsWith(".png") ? "image/png" : "image/jpeg", etag);
                long started = System.nanoTime();
                handler.handleRequest(ReceiptEvents.created(key, Files.size(file), etag), context.next());
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
            String status = store.findOrder(orderId)
                    .orElseThrow()
                    .receipts()
                    .getLast()
                    .status()
                    .name();
            System.out.printf(
                    "%s: %s, first %d ms, warm %s ms%n",
                    name, status, millis.getFirst(), millis.subList(1, millis.size()));
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "peak heap used %d MiB, max heap %d MiB, peak scratch bytes %d, %s%n",
                heapPeak >> 20, Runtime.getRuntime().maxMemory() >> 20, objects.peakScratch, procStatus());
    }

    private static String procStatus() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /** The bucket as files: downloads copy the upload (the harness's own heap stays out of the figures). */
    private static final class FileObjects implements ReceiptObjects {
        private final Path dir;
        private final Map<String, String[]> uploads = new java.util.HashMap<>();
        long peakScratch;

        FileObjects(Path dir) {
            this.dir = dir;
        }

        void add(String key, Path file, String contentType, String etag) {
            uploads.put(key, new String[] {file.toString(), contentType, etag});
        }

        @Override
        public Optional<Stored> download(String key, String etag, Path target) throws IOException {
            String[] upload = uploads.get(key);
            Files.copy(Path.of(upload[0]), target);
            return Optional.of(new Stored(Files.size(target), Optional.of(upload[1])));
        }

        @Override
        public void put(String key, Path file, String contentType) throws IOException {
            try (var files = Files.walk(file.getParent().getParent())) {
                peakScratch = Math.max(
                        peakScratch,
                        files.filter(Files::isRegularFile)
                                .mapToLong(f -> f.toFile().length())
                                .sum());
            }
        }

        @Override
        public void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata) {
            throw new IllegalStateException("the largest allowed image was rejected: " + metadata);
        }
    }
}
