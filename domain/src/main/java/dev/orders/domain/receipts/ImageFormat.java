package dev.orders.domain.receipts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats a receipt may be, each known by its magic bytes (what the content is) and by its media type
 * (what the uploader declared). The two must agree: a JPEG uploaded as {@code image/png} is rejected.
 */
public enum ImageFormat {
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    /** Enough of an object's first bytes to tell every format apart. */
    public static final int MAGIC_LENGTH = 8;

    private final String mediaType;
    private final byte[] magic;

    ImageFormat(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format whose signature {@code head} (the object's first bytes) starts with. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        for (ImageFormat format : values()) {
            if (head.length >= format.magic.length
                    && Arrays.equals(head, 0, format.magic.length, format.magic, 0, format.magic.length)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The format a declared {@code Content-Type} names: the media type alone, case-insensitive, parameters ignored
     * ({@code image/jpeg; charset=binary} is JPEG). {@code image/jpg}, a common misspelling, is not accepted.
     */
    public static Optional<ImageFormat> declared(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
    }
}
