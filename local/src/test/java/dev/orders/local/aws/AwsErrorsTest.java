package dev.orders.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Each protocol's error shape, and that hostile text in a message cannot break the document. */
class AwsErrorsTest {

    private static final String HOSTILE = "</Message><Code>Owned</Code>\"},{\"__type\":\"x\" \u0000\u0007 & <![CDATA[";

    private static Document xml(AwsResponse response) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body()));
    }

    private static JsonNode json(AwsResponse response) throws Exception {
        return Json.internal().readTree(response.body());
    }

    @Test
    void json_protocol_errors_carry_type_and_message() throws Exception {
        AwsResponse error = AwsErrors.json(400, AwsErrors.JSON_1_1, "ValidationException", HOSTILE);
        assertThat(error.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(json(error).path("__type").asText()).isEqualTo("ValidationException");
        assertThat(json(error).path("message").asText()).isEqualTo(HOSTILE);
        assertThat(error.headers()).containsKey("x-amzn-RequestId");
    }

    @Test
    void rest_json_errors_put_the_type_in_a_header_as_lambda_does() throws Exception {
        AwsResponse error = AwsErrors.restJson(404, "ResourceNotFoundException", "Function not found: " + HOSTILE);
        assertThat(error.headers()).containsEntry("X-Amzn-ErrorType", "ResourceNotFoundException");
        assertThat(json(error).path("Type").asText()).isEqualTo("User");
        assertThat(json(error).path("Message").asText()).endsWith(HOSTILE);
    }

    @Test
    void query_errors_are_an_error_response_document_with_the_services_namespace() throws Exception {
        AwsResponse error = AwsErrors.query(
                400, "http://monitoring.amazonaws.com/doc/2010-08-01/", "InvalidParameterValue", HOSTILE);
        Document doc = xml(error);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("ErrorResponse");
        assertThat(doc.getDocumentElement().getNamespaceURI())
                .isNull(); // a plain parser: the attribute is there as written
        assertThat(doc.getDocumentElement().getAttribute("xmlns"))
                .isEqualTo("http://monitoring.amazonaws.com/doc/2010-08-01/");
        assertThat(doc.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("InvalidParameterValue");
        assertThat(doc.getElementsByTagName("Code").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("Type").item(0).getTextContent()).isEqualTo("Sender");
        assertThat(doc.getElementsByTagName("Message").item(0).getTextContent())
                .isEqualTo(HOSTILE.replace('\u0000', '\uFFFD').replace('\u0007', '\uFFFD'));
        assertThat(doc.getElementsByTagName("RequestId").item(0).getTextContent())
                .isEqualTo(error.headers().get("x-amzn-RequestId"));
    }

    @Test
    void rest_xml_errors_are_s3s_error_document() throws Exception {
        AwsResponse error =
                AwsErrors.restXml(404, "NoSuchKey", "The specified key does not exist.", "/bucket/" + HOSTILE);
        Document doc = xml(error);
        assertThat(error.contentType()).isEqualTo("application/xml");
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Error");
        assertThat(doc.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("NoSuchKey");
        assertThat(doc.getElementsByTagName("RequestId").item(0).getTextContent())
                .isEqualTo(error.headers().get("x-amz-request-id"));
    }

    @Test
    void server_faults_are_the_receivers() throws Exception {
        assertThat(xml(AwsErrors.query(500, null, "InternalFailure", "x"))
                        .getElementsByTagName("Type")
                        .item(0)
                        .getTextContent())
                .isEqualTo("Receiver");
    }
}
