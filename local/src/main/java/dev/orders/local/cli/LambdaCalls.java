package dev.orders.local.cli;

import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** What the Lambda commands share: the function list, and SDK failures turned into one line a person can act on. */
final class LambdaCalls {

    private LambdaCalls() {}

    /** The functions named, or every function of the target (ListFunctions, every page) when none is. */
    static List<String> functions(LambdaClient lambda, List<String> named) {
        if (named != null && !named.isEmpty()) {
            return named;
        }
        return lambda.listFunctionsPaginator().functions().stream()
                .map(FunctionConfiguration::functionName)
                .sorted()
                .toList();
    }

    /** Runs an SDK call; a missing function, a refusal or an unreachable endpoint becomes a {@link Main.CommandFailure}. */
    static <T> T call(String where, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException missing) {
            throw new Main.CommandFailure(message(missing) + " (at " + where + ")");
        } catch (LambdaException refused) {
            throw new Main.CommandFailure(where + " refused: " + message(refused));
        } catch (SdkClientException unreachable) {
            throw new Main.CommandFailure("cannot reach " + where + ": " + unreachable.getMessage());
        }
    }

    static String message(LambdaException refused) {
        String code = refused.awsErrorDetails() == null
                ? refused.getClass().getSimpleName()
                : refused.awsErrorDetails().errorCode();
        String text = refused.awsErrorDetails() == null
                ? refused.getMessage()
                : refused.awsErrorDetails().errorMessage();
        return code + ": " + text;
    }
}
