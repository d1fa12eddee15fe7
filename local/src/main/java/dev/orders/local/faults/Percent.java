package dev.orders.local.faults;

import java.math.BigDecimal;

/** Percentages as people write them: {@code 20%}, {@code 0.5%}, {@code 20}. */
final class Percent {

    private Percent() {}

    static double parse(String what, String text) {
        String number = text.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException notANumber) {
            throw new FaultRequestException(what + " must be a percentage such as 20% or 0.5%, got '" + text + "'");
        }
        if (!(value > 0 && value <= 100)) {
            throw new FaultRequestException(what + " must be above 0% and at most 100%, got '" + text + "'");
        }
        return value;
    }

    static String text(double percentage) {
        return new BigDecimal(Double.toString(percentage)).stripTrailingZeros().toPlainString() + "%";
    }
}
