package dev.orders.functions.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.json.JsonConfiguration;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

/**
 * The functions' Log4j configuration is {@code log4j2.json}, read with Jackson instead of an XML parser (a cold start
 * then loads no JAXP). Log4j falls back to its default configuration (errors only, plain text) when it cannot read
 * a file, so these tests hold the file to what it must give: Powertools' JSON lines on stdout, at the same levels.
 */
class LoggingConfigurationTest {

    private static Configuration configuration() {
        return ((LoggerContext) LogManager.getContext(false)).getConfiguration();
    }

    @Test
    void the_configuration_in_force_is_the_json_file_not_log4js_default() {
        Configuration configuration = configuration();
        assertThat(configuration).isInstanceOf(JsonConfiguration.class);
        assertThat(configuration.getConfigurationSource().getLocation()).endsWith("log4j2.json");
    }

    @Test
    void lines_go_to_stdout_in_powertools_lambda_json_layout() {
        Appender appender = configuration().getAppender("JsonAppender");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender) appender).getTarget()).isEqualTo(ConsoleAppender.Target.SYSTEM_OUT);
        assertThat(appender.getLayout()).isInstanceOf(JsonTemplateLayout.class);
    }

    @Test
    void the_functions_log_at_info_or_the_configured_level_and_libraries_at_warn() {
        Level expected = Optional.ofNullable(System.getenv("ORDERS_LOG_LEVEL"))
                .map(Level::toLevel)
                .orElse(Level.INFO);
        LoggerConfig functions = configuration().getLoggerConfig("dev.orders.functions.api.OrderApiHandler");
        assertThat(functions.getName()).isEqualTo("dev.orders");
        assertThat(functions.getLevel()).isEqualTo(expected);
        assertThat(functions.isAdditive()).isFalse();
        assertThat(functions.getAppenders()).containsOnlyKeys("JsonAppender");
        LoggerConfig root = configuration().getRootLogger();
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppenders()).containsOnlyKeys("JsonAppender");
    }

    @Test
    void a_line_carries_the_fields_the_logs_are_searched_by() throws Exception {
        StringMap context = ContextDataFactory.createContextData();
        context.putValue("function_request_id", "request-1");
        context.putValue("correlation_id", "correlation-1");
        context.putValue("order_id", "order-1");
        Log4jLogEvent event = Log4jLogEvent.newBuilder()
                .setLoggerName("dev.orders.functions.api.OrderApiHandler")
                .setLevel(Level.INFO)
                .setMessage(new SimpleMessage("order accepted"))
                .setContextData(context)
                .build();

        String line =
                (String) configuration().getAppender("JsonAppender").getLayout().toSerializable(event);

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("message").asText()).isEqualTo("order accepted");
        assertThat(json.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(json.path("function_request_id").asText()).isEqualTo("request-1");
        assertThat(json.path("correlation_id").asText()).isEqualTo("correlation-1");
        assertThat(json.path("order_id").asText()).isEqualTo("order-1");
    }
}
