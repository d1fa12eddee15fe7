package dev.orders.functions.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostPolicyTest {

    /** AWS's own worked example: "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)". */
    @Test
    void the_signature_of_aws_documented_example_policy_is_the_documented_one() {
        String policy =
                "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

        assertThat(PostPolicy.signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20151229", "us-east-1", policy))
                .isEqualTo("8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e");
    }

    @Test
    void a_form_bounds_the_exact_key_the_size_the_content_type_and_carries_every_signed_field() throws Exception {
        UploadLinks.UploadForm form = PostPolicy.form(
                URI.create("https://receipts.s3.eu-west-1.amazonaws.com/"),
                "eu-west-1",
                new PostPolicy.Conditions("receipts", "receipts/o1/r1", 1, 10_485_760, "image/"),
                new PostPolicy.Credentials("AKIDEXAMPLE", "secret", Optional.of("session-token")),
                Instant.parse("2026-11-27T12:00:00.750Z"),
                Duration.ofMinutes(5));

        assertThat(form.fields())
                .containsEntry("key", "receipts/o1/r1")
                .containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("x-amz-credential", "AKIDEXAMPLE/20261127/eu-west-1/s3/aws4_request")
                .containsEntry("x-amz-date", "20261127T120000Z")
                .containsEntry("x-amz-security-token", "session-token");
        assertThat(form.expiresAt()).isEqualTo(Instant.parse("2026-11-27T12:05:00Z"));
        JsonNode policy = Json.internal()
                .readTree(Base64.getDecoder().decode(form.fields().get("policy")));
        assertThat(policy.get("expiration").asText()).isEqualTo("2026-11-27T12:05:00.000Z");
        assertThat(policy.get("conditions").toString())
                .contains(
                        "{\"bucket\":\"receipts\"}",
                        "[\"eq\",\"$key\",\"receipts/o1/r1\"]",
                        "[\"content-length-range\",1,10485760]",
                        "[\"starts-with\",\"$Content-Type\",\"image/\"]",
                        "{\"x-amz-security-token\":\"session-token\"}",
                        "{\"x-amz-date\":\"20261127T120000Z\"}");
        assertThat(form.fields().get("x-amz-signature"))
                .isEqualTo(PostPolicy.signature(
                        "secret", "20261127", "eu-west-1", form.fields().get("policy")));
        assertThat(new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8))
                .doesNotContain("\n");
    }
}
