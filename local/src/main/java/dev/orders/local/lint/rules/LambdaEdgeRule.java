package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda@Edge's constraints, for functions associated with a CloudFront distribution or marked
 * {@code Metadata: {Edge: true}}: Node.js or Python, created in us-east-1 (the template must assert it in
 * its Rules), associated by numbered version, and no VPC, layers, X-Ray, provisioned concurrency or
 * environment variables (Globals included).
 */
public record LambdaEdgeRule() implements LintRule {

    @Override
    public String name() {
        return "lambda-edge";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (String function : template.edgeFunctions()) {
            Map<String, Object> p = template.properties(function);
            String runtime = String.valueOf(p.get("Runtime"));
            if (!runtime.startsWith("nodejs") && !runtime.startsWith("python")) {
                findings.add(error(function, "runtime " + runtime + ": Lambda@Edge runs Node.js or Python only"));
            }
            if (!pinsUsEast1(template)) {
                findings.add(error(function, "the template does not assert (Rules) that it is deployed in us-east-1"));
            }
            if (p.get("AutoPublishAlias") == null) {
                findings.add(error(
                        function, "publishes no numbered version (set AutoPublishAlias and associate Fn.Version)"));
            }
            for (String forbidden : List.of("VpcConfig", "Layers", "ProvisionedConcurrencyConfig")) {
                if (p.get(forbidden) != null) {
                    findings.add(error(function, forbidden + " is not allowed at the edge"));
                }
            }
            if ("Active".equals(String.valueOf(p.get("Tracing")))) {
                findings.add(error(function, "X-Ray tracing is not allowed at the edge"));
            }
            if (!mapOf(mapOf(p.get("Environment")).get("Variables")).isEmpty()) {
                findings.add(error(function, "environment variables are not allowed at the edge (Globals apply too)"));
            }
        }
        for (Object association : template.edgeAssociations()) {
            Object ref = mapOf(association).get("Ref");
            boolean version = ref != null
                    && (String.valueOf(ref).endsWith(".Version")
                            || "AWS::Lambda::Version".equals(template.type(String.valueOf(ref))));
            if (!version) {
                findings.add(error(
                        template.reference(association).orElse("CloudFront"),
                        "associated as " + association
                                + ": CloudFront needs a numbered version (Ref Fn.Version), not $LATEST or an alias"));
            }
        }
        return findings;
    }

    private Finding error(String resource, String message) {
        return Finding.error(name(), resource, message);
    }

    /** A template rule whose assertion is Fn::Equals of AWS::Region and "us-east-1". */
    private static boolean pinsUsEast1(TemplateModel template) {
        return mapOf(template.template().tree().get("Rules")).values().stream()
                .flatMap(rule -> listOf(mapOf(rule).get("Assertions")).stream())
                .map(assertion -> listOf(mapOf(mapOf(assertion).get("Assert")).get("Fn::Equals")))
                .anyMatch(
                        operands -> operands.contains(Map.of("Ref", "AWS::Region")) && operands.contains("us-east-1"));
    }
}
