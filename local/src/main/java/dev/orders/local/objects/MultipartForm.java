package dev.orders.local.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body read as S3 reads a POST upload: text fields first (each at most 20 KB), then the
 * {@code file} field, whose content is handed over as a stream ending at the next boundary, never held in memory.
 * Fields after the file are ignored, as S3 ignores them.
 */
final class MultipartForm {

    private static final int MAX_FIELD_BYTES = 20 * 1024;
    private static final int MAX_FIELDS = 100;

    private final PushbackInputStream in;
    private final byte[] delimiter;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String fileName;

    private MultipartForm(InputStream in, String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.in = new PushbackInputStream(new java.io.BufferedInputStream(in, 64 * 1024), delimiter.length + 2);
    }

    /** The boundary of a {@code multipart/form-data} content type, if it is one. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        for (String parameter : contentType.split(";")) {
            String[] kv = parameter.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("boundary")) {
                String value = kv[1].trim();
                return Optional.of(
                        value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                                ? value.substring(1, value.length() - 1)
                                : value);
            }
        }
        return Optional.empty();
    }

    /** Reads the text fields up to the file; empty when the body has no {@code file} field. */
    static MultipartForm read(InputStream body, String boundary) throws IOException {
        MultipartForm form = new MultipartForm(body, boundary);
        form.readUntilFile();
        return form;
    }

    /** Field names as sent; S3 matches them case-insensitively. */
    Map<String, String> fields() {
        return fields;
    }

    Optional<String> field(String name) {
        return fields.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    boolean hasFile() {
        return fileName != null;
    }

    String fileName() {
        return fileName;
    }

    /** The file's content, up to the boundary that ends it. */
    InputStream file() {
        return new PartStream();
    }

    private void readUntilFile() throws IOException {
        // the preamble ends at the first delimiter, which has no CRLF before it
        skipPast(("--" + new String(delimiter, 4, delimiter.length - 4, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        while (true) {
            String afterDelimiter = line();
            if (afterDelimiter.startsWith("--")) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            String disposition = headers.getOrDefault("content-disposition", "");
            String name = parameter(disposition, "name").orElseThrow(() -> malformed("a part has no name"));
            if (name.equalsIgnoreCase("file")) {
                fileName = parameter(disposition, "filename").orElse("");
                return;
            }
            if (fields.size() >= MAX_FIELDS) {
                throw malformed("too many form fields");
            }
            PartStream part = new PartStream();
            byte[] value = part.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw new S3Error(
                        400,
                        "MaxPostPreDataLengthExceeded",
                        "Your POST request fields preceeding the upload file was too large.");
            }
            fields.put(name, new String(value, StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> parameter(String disposition, String name) {
        for (String part : disposition.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase(name)) {
                String value = kv[1].trim();
                return Optional.of(
                        value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                                ? value.substring(1, value.length() - 1)
                                : value);
            }
        }
        return Optional.empty();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return line.toString();
                }
                if (next >= 0) {
                    in.unread(next);
                }
            }
            line.append((char) c);
            if (line.length() > MAX_FIELD_BYTES) {
                throw malformed("a header line is too long");
            }
        }
        throw malformed("the body ends before the form does");
    }

    private void skipPast(byte[] marker) throws IOException {
        int matched = 0;
        long skipped = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == (marker[matched] & 0xFF)) {
                if (++matched == marker.length) {
                    return;
                }
            } else {
                matched = c == (marker[0] & 0xFF) ? 1 : 0;
            }
            if (++skipped > MAX_FIELD_BYTES) {
                break;
            }
        }
        throw malformed("the body has no form boundary");
    }

    private static S3Error malformed(String why) {
        return new S3Error(
                400,
                "MalformedPOSTRequest",
                "The body of your POST request is not well-formed multipart/form-data: " + why);
    }

    /** One part's content: the bytes before the next {@code CRLF--boundary}, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int c = in.read();
            if (c < 0) {
                throw malformed("the body ends inside a part");
            }
            if (c == (delimiter[0] & 0xFF)) {
                byte[] rest = new byte[delimiter.length - 1];
                int n = in.readNBytes(rest, 0, rest.length);
                boolean match = n == rest.length;
                for (int i = 0; match && i < rest.length; i++) {
                    match = rest[i] == delimiter[i + 1];
                }
                if (match) {
                    ended = true;
                    return -1;
                }
                in.unread(rest, 0, n);
            }
            return c;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int count = 0;
            while (count < len) {
                int c = read();
                if (c < 0) {
                    return count == 0 ? -1 : count;
                }
                buffer[off + count++] = (byte) c;
                if (in.available() == 0 && count > 0) {
                    break;
                }
            }
            return count;
        }
    }
}
