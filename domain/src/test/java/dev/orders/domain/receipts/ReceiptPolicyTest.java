package dev.orders.domain.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.OrderId;
import org.junit.jupiter.api.Test;

class ReceiptPolicyTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void sizes_from_one_byte_to_ten_mebibytes_pass_and_the_rest_are_refused_with_their_reason() {
        assertThat(ReceiptPolicy.size(0)).map(Rejection::code).contains(Rejection.Code.EMPTY);
        assertThat(ReceiptPolicy.size(1)).isEmpty();
        assertThat(ReceiptPolicy.size(10L * 1024 * 1024)).isEmpty();
        assertThat(ReceiptPolicy.size(10L * 1024 * 1024 + 1))
                .map(Rejection::reason)
                .contains("too-large: 10485761 bytes, more than 10485760");
    }

    @Test
    void a_jpeg_declared_as_jpeg_is_identified() {
        assertThat(ReceiptPolicy.identify(JPEG, "image/jpeg"))
                .isEqualTo(new ReceiptPolicy.Identified.As(ImageFormat.JPEG));
        assertThat(ReceiptPolicy.identify(PNG, "IMAGE/PNG; charset=binary"))
                .isEqualTo(new ReceiptPolicy.Identified.As(ImageFormat.PNG));
    }

    @Test
    void a_jpeg_named_png_is_a_content_type_mismatch() {
        var identified = (ReceiptPolicy.Identified.Rejected) ReceiptPolicy.identify(JPEG, "image/png");
        assertThat(identified.rejection().reason())
                .isEqualTo("content-type-mismatch: declared 'image/png', the content is JPEG");
    }

    @Test
    void text_is_not_an_image_whatever_it_declares() {
        var identified =
                (ReceiptPolicy.Identified.Rejected) ReceiptPolicy.identify("hello, world".getBytes(), "image/jpeg");
        assertThat(identified.rejection().code()).isEqualTo(Rejection.Code.NOT_AN_IMAGE);
        assertThat(ReceiptPolicy.identify(new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg"))
                .isInstanceOf(ReceiptPolicy.Identified.Rejected.class);
    }

    @Test
    void an_image_without_a_declared_type_or_with_another_one_is_refused() {
        assertThat(ReceiptPolicy.identify(PNG, null)).isInstanceOf(ReceiptPolicy.Identified.Rejected.class);
        assertThat(ReceiptPolicy.identify(JPEG, "image/jpg")).isInstanceOf(ReceiptPolicy.Identified.Rejected.class);
        assertThat(ReceiptPolicy.identify(PNG, "image/gif")).isInstanceOf(ReceiptPolicy.Identified.Rejected.class);
    }

    @Test
    void forty_megapixels_pass_and_a_declared_bomb_does_not() {
        assertThat(ReceiptPolicy.dimensions(new Dimensions(8000, 5000))).isEmpty();
        assertThat(ReceiptPolicy.dimensions(new Dimensions(8000, 5001)))
                .map(Rejection::code)
                .contains(Rejection.Code.TOO_MANY_PIXELS);
        assertThat(ReceiptPolicy.dimensions(new Dimensions(50_000, 50_000)))
                .map(Rejection::reason)
                .contains("too-many-pixels: 50000 x 50000 is 2500000000 pixels, more than 40000000");
        assertThat(ReceiptPolicy.dimensions(new Dimensions(Integer.MAX_VALUE, Integer.MAX_VALUE)))
                .isPresent();
        assertThat(ReceiptPolicy.dimensions(new Dimensions(0, 10)))
                .map(Rejection::code)
                .contains(Rejection.Code.UNREADABLE);
    }

    @Test
    void a_thumbnail_keeps_the_aspect_with_its_longer_side_256_and_never_enlarges() {
        assertThat(ReceiptPolicy.thumbnail(new Dimensions(3000, 4000))).isEqualTo(new Dimensions(192, 256));
        assertThat(ReceiptPolicy.thumbnail(new Dimensions(10_000, 10))).isEqualTo(new Dimensions(256, 1));
        assertThat(ReceiptPolicy.thumbnail(new Dimensions(100, 50))).isEqualTo(new Dimensions(100, 50));
    }

    @Test
    void a_receipt_key_names_its_order_and_receipt_and_nothing_else_parses() {
        assertThat(ReceiptKey.parse("receipts/o-1/r_2")).contains(new ReceiptKey(new OrderId("o-1"), "r_2"));
        assertThat(ReceiptKey.parse("receipts/o-1/r_2").orElseThrow().thumbnailKey())
                .isEqualTo("thumbnails/o-1/r_2.jpg");
        assertThat(ReceiptKey.parse("receipts/o-1/r/extra")).isEmpty();
        assertThat(ReceiptKey.parse("receipts/../r")).isEmpty();
        assertThat(ReceiptKey.parse("thumbnails/o-1/r")).isEmpty();
        assertThat(ReceiptKey.parse(null)).isEmpty();
        assertThat(ReceiptKey.quarantineKey("receipts/o-1/r")).isEqualTo("quarantine/receipts/o-1/r");
    }
}
