package dev.orders.functions.deploy;

/** The verdict a lifecycle hook gives CodeDeploy, spelled as its API wants it. */
public enum HookStatus {
    SUCCEEDED("Succeeded"),
    FAILED("Failed");

    private final String apiValue;

    HookStatus(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
