package dev.orders.functions.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs aws-ses-v2-local (SES's v1 and v2 APIs, messages kept in memory and listed at {@code GET /store}) on a
 * free loopback port, once for the whole test run. Tests receive its base {@link URI}.
 */
public final class SesLocal implements BeforeAllCallback, ParameterResolver {

    private static final Pattern LISTENING = Pattern.compile("server running at (http://\\S+)");

    /**
     * What {@code GetAccount} answers (the emulator has no account of its own and answers 400 without one): an
     * account still in the SES sandbox, with the sandbox's quota of 200 messages a day and 1 a second.
     */
    static final String ACCOUNT = """
            {"DedicatedIpAutoWarmupEnabled":false,"EnforcementStatus":"HEALTHY","ProductionAccessEnabled":false,
             "SendingEnabled":true,"SendQuota":{"Max24HourSend":200,"MaxSendRate":1,"SentLast24Hours":0},
             "SuppressionAttributes":{"SuppressedReasons":["BOUNCE","COMPLAINT"]},
             "Details":{"MailType":"TRANSACTIONAL","WebsiteURL":"https://orders.example.com","ContactLanguage":"EN",
               "UseCaseDescription":"Order notifications","AdditionalContactEmailAddresses":[],
               "ReviewDetails":{"Status":"PENDING","CaseId":"emulator"}}}""";

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoint(context);
    }

    private static URI endpoint(ExtensionContext context) {
        return URI.create(context.getRoot()
                        .getStore(ExtensionContext.Namespace.create(SesLocal.class))
                        .getOrComputeIfAbsent(
                                NodeEmulator.class,
                                ignored -> NodeEmulator.start(
                                        "aws-ses-v2-local",
                                        "node_modules/aws-ses-v2-local/dist/cli.js",
                                        List.of("--host", "127.0.0.1", "--port", "0"),
                                        Map.of("AWS_SES_ACCOUNT", ACCOUNT.replace("\n", "")),
                                        LISTENING),
                                NodeEmulator.class)
                        .endpoint()
                        .toString()
                        .replace("//localhost:", "//127.0.0.1:"))
                .normalize();
    }
}
