package dev.orders.local.aws;

import java.util.Map;

public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
}
