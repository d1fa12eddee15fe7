package dev.orders.functions.receipts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Real images for the tests, made here: a receipt-like JPEG and PNG, a PNG bomb, a truncated JPEG. */
public final class ReceiptImages {

    private ReceiptImages() {}

    public static byte[] jpeg(int width, int height) {
        return encode(drawn(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(drawn(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** The first half of a real JPEG: the header is intact, the data stops. */
    public static byte[] truncatedJpeg() {
        byte[] whole = jpeg(640, 480);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A valid PNG of a few hundred bytes that declares {@code width} × {@code height} pixels (one row of real data):
     * decoding it would allocate width × height × 3 bytes, which is what a decompression bomb is for.
     */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                png,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + 3 * 64]);
        deflater.finish();
        byte[] compressed = new byte[512];
        int length = deflater.deflate(compressed);
        chunk(png, "IDAT", Arrays.copyOf(compressed, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage drawn(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        for (int y = height / 10; y < height; y += Math.max(2, height / 20)) {
            g.fillRect(width / 10, y, width * 8 / 10, Math.max(1, height / 100));
        }
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
