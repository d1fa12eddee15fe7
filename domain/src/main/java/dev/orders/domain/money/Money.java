package dev.orders.domain.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An amount in one ISO-4217 currency, always held at the currency's minor-unit scale, so that
 * "12.5" and "12.50" EUR are the same value and compare equal.
 */
public record Money(BigDecimal amount, Currency currency) {

    /** Decimal strings only: no sign, no exponent, no grouping; at most nine integer digits. */
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.[0-9]+)?");

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("money cannot be negative: " + amount);
        }
        amount = amount.setScale(currency.getDefaultFractionDigits());
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** An ISO-4217 currency with a defined minor unit (so not XXX, XAU and the like), or empty. */
    public static Optional<Currency> currency(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Parses a non-negative decimal string with no more fraction digits than the currency has
     * ("12.50" EUR, "1200" JPY); empty when the text is not such a string.
     */
    public static Optional<Money> parse(String amount, Currency currency) {
        if (amount == null || amount.length() > 20 || !DECIMAL.matcher(amount).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.scale() > currency.getDefaultFractionDigits()) {
            return Optional.empty();
        }
        return Optional.of(new Money(value, currency));
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }

    /** The amount as the API writes it: a plain decimal string at the currency's scale. */
    public String amountText() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return amountText() + " " + currency.getCurrencyCode();
    }
}
