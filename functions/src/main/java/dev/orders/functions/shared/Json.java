package dev.orders.functions.shared;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration every handler uses for input from outside: bounded nesting, string,
 * number and document sizes, duplicate keys and trailing tokens rejected. A request that breaks a
 * bound is a 400, never a 5xx.
 */
public final class Json {

    public static final int MAX_DEPTH = 16;
    public static final int MAX_STRING_LENGTH = 8 * 1024;
    public static final int MAX_NUMBER_LENGTH = 32;
    public static final long MAX_DOCUMENT_LENGTH = 64 * 1024;

    private static final ObjectMapper STRICT = bounded(MAX_DEPTH, MAX_STRING_LENGTH, MAX_DOCUMENT_LENGTH);

    private static final ObjectMapper INTERNAL = JsonMapper.builder().build();

    private Json() {}

    /** For untrusted input: requests, callbacks, stream records. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** For documents this system wrote itself (stored orders, outbox events) and for output. */
    public static ObjectMapper internal() {
        return INTERNAL;
    }

    /**
     * The strict configuration with other bounds, for an input whose protocol allows larger documents (an AWS
     * API that carries base64 payloads): same rules, its own sizes. Build it once and keep it.
     */
    public static ObjectMapper bounded(int maxDepth, int maxStringLength, long maxDocumentLength) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(maxDepth)
                                .maxStringLength(maxStringLength)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxDocumentLength(maxDocumentLength)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
    }
}
