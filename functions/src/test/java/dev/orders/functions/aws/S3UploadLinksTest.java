package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.shared.UploadLinks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The order API's receipt links: the S3 presigner is made on the first download link only, and once. */
class S3UploadLinksTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final AtomicInteger made = new AtomicInteger();

    private S3UploadLinks links(Optional<URI> endpoint) {
        return new S3UploadLinks(
                () -> {
                    made.incrementAndGet();
                    return S3Presigner.builder()
                            .region(Region.EU_WEST_1)
                            .credentialsProvider(CREDENTIALS)
                            .build();
                },
                CREDENTIALS,
                Region.EU_WEST_1,
                "receipts-bucket",
                endpoint,
                CLOCK);
    }

    @Test
    void upload_forms_need_no_presigner_and_download_links_make_it_once() {
        S3UploadLinks links = links(Optional.empty());
        assertThat(made).as("not made by the constructor").hasValue(0);

        UploadLinks.UploadForm form = links.uploadForm("receipts/o-1/r-1", 1, 1024, "image/", Duration.ofMinutes(5));
        assertThat(form.url().toString()).startsWith("https://receipts-bucket.s3.eu-west-1.amazonaws.com");
        assertThat(made)
                .as("an upload form is a POST policy, signed without the presigner")
                .hasValue(0);

        UploadLinks.Link first = links.download("thumbnails/o-1/r-1.jpg", Duration.ofMinutes(5));
        UploadLinks.Link second = links.download("thumbnails/o-1/r-2.jpg", Duration.ofMinutes(5));
        assertThat(made).hasValue(1);
        assertThat(first.url().toString())
                .startsWith("https://receipts-bucket.s3.eu-west-1.amazonaws.com/thumbnails/o-1/r-1.jpg?")
                .contains("X-Amz-Signature=");
        assertThat(second.url().getPath()).isEqualTo("/thumbnails/o-1/r-2.jpg");
    }

    @Test
    void an_endpoint_override_is_addressed_path_style() {
        UploadLinks.UploadForm form = links(Optional.of(URI.create("http://127.0.0.1:4566/")))
                .uploadForm("receipts/o-1/r-1", 1, 1024, "image/", Duration.ofMinutes(5));
        assertThat(form.url().toString()).isEqualTo("http://127.0.0.1:4566/receipts-bucket/");
        assertThat(made).hasValue(0);
    }
}
