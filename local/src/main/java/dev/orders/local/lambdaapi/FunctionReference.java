package dev.orders.local.lambdaapi;

import dev.orders.local.asyncinvoke.FunctionArn;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code FunctionName} as Lambda accepts it — a name ({@code OrderApiFunction}), a partial ARN
 * ({@code 000000000000:function:OrderApiFunction}) or a full ARN ({@code arn:aws:lambda:us-east-1:000000000000:function:OrderApiFunction}),
 * each optionally followed by {@code :QUALIFIER} — together with the {@code Qualifier} parameter, which must agree.
 */
record FunctionReference(String name, Optional<String> qualifier) {

    static final String NAME_PATTERN = "[a-zA-Z0-9-_]+";
    static final String QUALIFIER_PATTERN = "\\$LATEST|[a-zA-Z0-9-_]+";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
    private static final String MODEL_PATTERN =
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
                    + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";

    /** Parses {@code functionName}; {@code qualifierParameter} is the {@code Qualifier} query parameter, if any. */
    static FunctionReference parse(String functionName, Optional<String> qualifierParameter) {
        if (functionName.isEmpty() || functionName.length() > 256) {
            throw ApiError.validation(functionName, "functionName", "Member must have length between 1 and 256");
        }
        String[] parts = functionName.split(":", -1);
        String name;
        Optional<String> derived;
        if (functionName.startsWith("arn:")) {
            if (parts.length < 7 || parts.length > 8 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
                throw ApiError.validation(
                        functionName,
                        "functionName",
                        "Member must satisfy regular expression pattern: " + MODEL_PATTERN);
            }
            account(functionName, parts[4]);
            name = parts[6];
            derived = parts.length == 8 ? Optional.of(parts[7]) : Optional.empty();
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            if (parts.length > 4) {
                throw ApiError.validation(
                        functionName,
                        "functionName",
                        "Member must satisfy regular expression pattern: " + MODEL_PATTERN);
            }
            account(functionName, parts[0]);
            name = parts[2];
            derived = parts.length == 4 ? Optional.of(parts[3]) : Optional.empty();
        } else if (parts.length <= 2) {
            name = parts[0];
            derived = parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
        } else {
            throw ApiError.validation(
                    functionName, "functionName", "Member must satisfy regular expression pattern: " + MODEL_PATTERN);
        }
        if (!NAME.matcher(name).matches() || name.length() > 64) {
            throw ApiError.validation(
                    functionName, "functionName", "Member must satisfy regular expression pattern: " + MODEL_PATTERN);
        }
        derived.ifPresent(q -> checkQualifier(q, "functionName"));
        qualifierParameter.ifPresent(q -> checkQualifier(q, "qualifier"));
        if (derived.isPresent() && qualifierParameter.isPresent() && !derived.equals(qualifierParameter)) {
            throw ApiError.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionReference(name, derived.or(() -> qualifierParameter));
    }

    /** For the operations that take no qualifier (versions, aliases, concurrency). */
    FunctionReference unqualified(String operation) {
        if (qualifier.isPresent()) {
            throw ApiError.invalidParameter(
                    operation + " takes an unqualified function name, not " + name + ":" + qualifier.get());
        }
        return this;
    }

    String arn() {
        return FunctionArn.of(name, qualifier);
    }

    private static void checkQualifier(String qualifier, String member) {
        if (qualifier.isEmpty()
                || qualifier.length() > 128
                || !QUALIFIER.matcher(qualifier).matches()) {
            throw ApiError.validation(
                    qualifier, member, "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
        }
    }

    /** Every function here lives in the local account; another account's function is one this endpoint does not have. */
    private static void account(String functionName, String account) {
        if (!account.equals(FunctionArn.ACCOUNT)) {
            throw ApiError.notFound("Function not found: " + functionName);
        }
    }
}
