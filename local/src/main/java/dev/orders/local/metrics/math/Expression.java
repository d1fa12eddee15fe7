package dev.orders.local.metrics.math;

import java.util.ArrayList;
import java.util.List;

/**
 * A CloudWatch metric math expression, parsed: ids of other queries ({@code m1}), numbers, strings,
 * arithmetic ({@code + - * / ^}, unary minus), comparisons ({@code == != < <= > >=}), {@code AND}/{@code &&},
 * {@code OR}/{@code ||}, arrays ({@code [m1, m2]}) and upper-case function calls ({@code IF}, {@code FILL}, ...).
 */
public sealed interface Expression {

    record Number(double value) implements Expression {}

    record Text(String value) implements Expression {}

    record Id(String name) implements Expression {}

    /** A bare upper-case word that is not a call: REPEAT, LINEAR (FILL's modes). */
    record Keyword(String name) implements Expression {}

    record Negate(Expression operand) implements Expression {}

    record Binary(String operator, Expression left, Expression right) implements Expression {}

    record Call(String function, List<Expression> arguments) implements Expression {}

    record Array(List<Expression> elements) implements Expression {}

    static Expression parse(String text) {
        return new Parser(text).parse();
    }

    /** Recursive descent over the operators' precedence: OR < AND < comparison < + - < * / < unary minus < ^. */
    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Expression parse() {
            if (text == null || text.isBlank()) {
                throw new MathException("The expression is empty");
            }
            Expression e = or();
            skipSpaces();
            if (at < text.length()) {
                throw new MathException(
                        "Unexpected '" + text.charAt(at) + "' at position " + (at + 1) + " of the expression");
            }
            return e;
        }

        private Expression or() {
            Expression left = and();
            while (true) {
                if (word("OR") || symbol("||")) {
                    left = new Binary("OR", left, and());
                } else {
                    return left;
                }
            }
        }

        private Expression and() {
            Expression left = comparison();
            while (true) {
                if (word("AND") || symbol("&&")) {
                    left = new Binary("AND", left, comparison());
                } else {
                    return left;
                }
            }
        }

        private Expression comparison() {
            Expression left = additive();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (symbol(op)) {
                    return new Binary(op, left, additive());
                }
            }
            return left;
        }

        private Expression additive() {
            Expression left = multiplicative();
            while (true) {
                if (symbol("+")) {
                    left = new Binary("+", left, multiplicative());
                } else if (symbol("-")) {
                    left = new Binary("-", left, multiplicative());
                } else {
                    return left;
                }
            }
        }

        private Expression multiplicative() {
            Expression left = unary();
            while (true) {
                if (symbol("*")) {
                    left = new Binary("*", left, unary());
                } else if (symbol("/")) {
                    left = new Binary("/", left, unary());
                } else {
                    return left;
                }
            }
        }

        /** Unary minus binds looser than {@code ^}: {@code -m1^2} is {@code -(m1^2)}. */
        private Expression unary() {
            if (symbol("-")) {
                return new Negate(unary());
            }
            return power();
        }

        private Expression power() {
            Expression base = primary();
            if (symbol("^")) {
                return new Binary("^", base, unary());
            }
            return base;
        }

        private Expression primary() {
            skipSpaces();
            if (at >= text.length()) {
                throw new MathException("The expression ends too early");
            }
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                Expression inner = or();
                expect(")");
                return inner;
            }
            if (c == '[') {
                at++;
                List<Expression> elements = new ArrayList<>();
                if (!symbol("]")) {
                    do {
                        elements.add(or());
                    } while (symbol(","));
                    expect("]");
                }
                return new Array(elements);
            }
            if (c == '"' || c == '\'' || c == '“') {
                char close = c == '“' ? '”' : c;
                int end = text.indexOf(close, at + 1);
                if (end < 0) {
                    throw new MathException("A string in the expression is not closed");
                }
                String value = text.substring(at + 1, end);
                at = end + 1;
                return new Text(value);
            }
            if (Character.isDigit(c) || c == '.') {
                int start = at;
                while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
                if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                    at++;
                    if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                        at++;
                    }
                    while (at < text.length() && Character.isDigit(text.charAt(at))) {
                        at++;
                    }
                }
                try {
                    return new Number(Double.parseDouble(text.substring(start, at)));
                } catch (NumberFormatException bad) {
                    throw new MathException("'" + text.substring(start, at) + "' is not a number");
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String name = text.substring(start, at);
                if (Character.isLowerCase(name.charAt(0))) {
                    return new Id(name);
                }
                if (symbol("(")) {
                    List<Expression> arguments = new ArrayList<>();
                    if (!symbol(")")) {
                        do {
                            arguments.add(or());
                        } while (symbol(","));
                        expect(")");
                    }
                    return new Call(name, arguments);
                }
                return new Keyword(name);
            }
            throw new MathException("Unexpected '" + c + "' at position " + (at + 1) + " of the expression");
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean symbol(String s) {
            skipSpaces();
            if (text.startsWith(s, at)) {
                at += s.length();
                return true;
            }
            return false;
        }

        private boolean word(String w) {
            skipSpaces();
            int end = at + w.length();
            if (text.startsWith(w, at) && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }

        private void expect(String s) {
            if (!symbol(s)) {
                throw new MathException("Expected '" + s + "' at position " + (at + 1) + " of the expression");
            }
        }
    }
}
