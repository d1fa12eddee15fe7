package dev.orders.local.drill;

import dev.orders.local.lambda.LambdaSettings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account a drill runs on: Lambda's default account of 1,000 scaled down to {@code limit}, and the template's
 * reserved concurrency scaled with it (each reservation × limit ÷ 1,000, at least 1), so the same ratios, and the same
 * throttles, happen on one machine. The unreserved minimum scales as {@link LambdaSettings#minimumUnreserved} does.
 */
record ScaledAccount(int limit) {

    static final int AWS_DEFAULT = 1000;
    private static final Pattern RESERVATION = Pattern.compile("(ReservedConcurrentExecutions:\\s*)(\\d+)");

    ScaledAccount {
        if (limit < 10 || limit > AWS_DEFAULT) {
            throw new IllegalArgumentException("--account-concurrency must be from 10 to 1000, got " + limit);
        }
    }

    LambdaSettings lambda() {
        return LambdaSettings.DEFAULT.withAccountConcurrency(limit);
    }

    int minimumUnreserved() {
        return lambda().minimumUnreserved();
    }

    /** A template's text with every reservation scaled to this account. */
    String scale(String templateText) {
        if (limit == AWS_DEFAULT) {
            return templateText;
        }
        Matcher m = RESERVATION.matcher(templateText);
        StringBuilder scaled = new StringBuilder();
        while (m.find()) {
            int reserved = Integer.parseInt(m.group(2));
            int to = reserved == 0
                    ? 0
                    : Math.max(1, (int) Math.round(reserved * (double) limit / AWS_DEFAULT)); // 0 stays: it disables
            m.appendReplacement(scaled, m.group(1) + to);
        }
        m.appendTail(scaled);
        return scaled.toString();
    }
}
