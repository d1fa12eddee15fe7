package dev.orders.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void amounts_that_differ_only_in_trailing_zeros_are_equal() {
        assertThat(Money.parse("12.5", EUR)).contains(Money.parse("12.50", EUR).orElseThrow());
        assertThat(Money.parse("12.5", EUR).orElseThrow().amountText()).isEqualTo("12.50");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-1.00",
                "+1",
                "1e3",
                "1,00",
                "01.00",
                "12.345",
                " 1",
                "1.",
                ".5",
                "1234567890",
                "NaN",
                "0x10"
            })
    void rejects_anything_but_a_plain_decimal_string_at_the_currency_scale(String text) {
        assertThat(Money.parse(text, EUR)).isEmpty();
    }

    @Test
    void a_currency_without_minor_units_takes_no_decimals() {
        assertThat(Money.parse("1200", JPY)).isPresent();
        assertThat(Money.parse("12.5", JPY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EURO", "ABC", "XXX", "XAU", ""})
    void only_iso_4217_currencies_with_minor_units_are_accepted(String code) {
        assertThat(Money.currency(code)).isEmpty();
    }

    @Test
    void multiplies_and_adds_exactly() {
        Money price = Money.parse("0.10", EUR).orElseThrow();
        assertThat(price.times(3).plus(price))
                .isEqualTo(Money.parse("0.40", EUR).orElseThrow());
    }

    @Test
    void refuses_to_add_two_currencies() {
        Money eur = Money.parse("1", EUR).orElseThrow();
        Money usd = Money.parse("1", Currency.getInstance("USD")).orElseThrow();
        assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(IllegalArgumentException.class);
    }
}
