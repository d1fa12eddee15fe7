package dev.orders.functions.receipts;

import dev.orders.domain.order.Dimensions;
import dev.orders.domain.receipts.AttachingReceipts.Verdict;
import dev.orders.domain.receipts.ImageFormat;
import dev.orders.domain.receipts.ReceiptPolicy;
import dev.orders.domain.receipts.Rejection;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Looks at one downloaded upload, in the order that keeps a hostile file harmless: the first bytes and the declared
 * content type, then the dimensions the header declares (ImageIO reads the header only), and only then a decode,
 * subsampled so that the raster held in memory is about twice the thumbnail's size whatever the image's. A decoder
 * warning (a JPEG cut short is "decoded" with grey filler) is a rejection like an exception.
 */
final class ImageInspection {

    static {
        // No cache files in java.io.tmpdir: everything this class writes is in the invocation's own directory.
        ImageIO.setUseCache(false);
    }

    private ImageInspection() {}

    /** The verdict on {@code upload}; when accepted, the thumbnail is written to {@code thumbnail} as a JPEG. */
    static Verdict inspect(Path upload, Optional<String> declaredContentType, Path thumbnail) throws IOException {
        long size = Files.size(upload);
        Optional<Rejection> bySize = ReceiptPolicy.size(size);
        if (bySize.isPresent()) {
            return new Verdict.Rejected(bySize.get(), Optional.empty());
        }
        Digest digest = digest(upload);
        ImageFormat format;
        switch (ReceiptPolicy.identify(digest.head(), declaredContentType.orElse(null))) {
            case ReceiptPolicy.Identified.Rejected rejected -> {
                return new Verdict.Rejected(rejected.rejection(), Optional.empty());
            }
            case ReceiptPolicy.Identified.As as -> format = as.format();
        }
        ImageReader reader = reader(format);
        try (ImageInputStream in = new FileImageInputStream(upload.toFile())) {
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
            reader.setInput(in, true, true);
            Dimensions declared;
            try {
                declared = new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException unreadableHeader) {
                return unreadable(
                        "the " + format + " header cannot be read: " + unreadableHeader.getMessage(), Optional.empty());
            }
            Optional<Rejection> byDimensions = ReceiptPolicy.dimensions(declared);
            if (byDimensions.isPresent()) {
                return new Verdict.Rejected(byDimensions.get(), Optional.of(declared));
            }
            BufferedImage decoded;
            try {
                decoded = reader.read(0, subsampled(reader, declared));
            } catch (IIOException | RuntimeException corrupt) {
                // ImageIO's decoders report corrupt data as IIOException, and some as runtime exceptions (e.g. an
                // ArrayIndexOutOfBounds in a bad Huffman table): either way the file is not an image we can use.
                return unreadable(
                        "the " + format + " data cannot be decoded: " + corrupt.getMessage(), Optional.of(declared));
            }
            if (warning.get() != null) {
                return unreadable("the " + format + " decoder warned: " + warning.get(), Optional.of(declared));
            }
            writeThumbnail(decoded, ReceiptPolicy.thumbnail(declared), thumbnail);
            return new Verdict.Accepted(declared, digest.sha256());
        } finally {
            reader.dispose();
        }
    }

    private static Verdict unreadable(String detail, Optional<Dimensions> dimensions) {
        return new Verdict.Rejected(new Rejection(Rejection.Code.UNREADABLE, detail), dimensions);
    }

    private record Digest(byte[] head, String sha256) {}

    /** One pass over the file: its SHA-256 and its first bytes. */
    private static Digest digest(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] head;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            head = in.readNBytes(ImageFormat.MAGIC_LENGTH);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Digest(head, HexFormat.of().formatHex(sha256.digest()));
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /** Every n-th pixel in both directions, n chosen so the decoded raster is at least twice the thumbnail's size. */
    private static ImageReadParam subsampled(ImageReader reader, Dimensions image) {
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(image.width(), image.height()) / (2 * ReceiptPolicy.THUMBNAIL_SIZE));
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    private static void writeThumbnail(BufferedImage decoded, Dimensions size, Path target) throws IOException {
        BufferedImage thumbnail = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // White under a transparent PNG: a JPEG thumbnail has no alpha.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, size.width(), size.height());
            g.drawImage(decoded, 0, 0, size.width(), size.height(), null);
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/jpeg").next();
        // FileImageOutputStream writes over an existing file without truncating it
        Files.deleteIfExists(target);
        try (FileImageOutputStream out = new FileImageOutputStream(target.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(thumbnail, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
