package dev.orders.local.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * A body sent with {@code Content-Encoding: aws-chunked} (SigV4 streaming uploads and the SDKs' default CRC32
 * checksum trailers): {@code hex-size[;chunk-signature=…]\r\n data\r\n … 0[;…]\r\n [trailers\r\n]\r\n}, decoded to the
 * object's bytes as they stream. Chunk signatures and trailing checksums are read and not verified (the local
 * endpoint verifies no header signature).
 */
final class AwsChunkedStream extends InputStream {

    private final PushbackInputStream in;
    private long left;
    private boolean done;

    AwsChunkedStream(InputStream in) {
        this.in = new PushbackInputStream(new java.io.BufferedInputStream(in, 64 * 1024), 1);
    }

    static boolean applies(String contentEncoding, String contentSha256) {
        return contentEncoding != null
                        && contentEncoding.toLowerCase(java.util.Locale.ROOT).contains("aws-chunked")
                || contentSha256 != null && contentSha256.startsWith("STREAMING-");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String header = line();
            int semicolon = header.indexOf(';');
            try {
                left = Long.parseLong((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException malformed) {
                throw new S3Error(400, "IncompleteBody", "The aws-chunked body has a malformed chunk size");
            }
            if (left == 0) {
                // trailers (x-amz-checksum-*, x-amz-trailer-signature) up to the empty line
                while (!line().isEmpty()) {
                    // read and dropped
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new S3Error(
                    400,
                    "IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        left -= n;
        if (left == 0) {
            line();
        }
        return n;
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
            } else if (c == '\n') {
                return line.toString();
            }
            line.append((char) c);
            if (line.length() > 8192) {
                break;
            }
        }
        if (line.isEmpty() && c < 0) {
            return "";
        }
        throw new S3Error(400, "IncompleteBody", "The aws-chunked body ends inside a chunk header");
    }
}
