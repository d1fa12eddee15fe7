package dev.orders.local.edge;

import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./orders edge sync [TEMPLATE]}: CloudFormation takes a CloudFront function's code inline, so the template
 * carries a copy of the file the team edits and tests. For every {@code AWS::CloudFront::Function} with
 * {@code Metadata: {SourceFile: PATH}}, this rewrites its {@code FunctionCode: |} block from PATH (relative to the
 * repository root, the template's parent's parent), touching no other line, and checks the result reads back
 * byte for byte.
 */
public final class EdgeTemplateSync {

    private EdgeTemplateSync() {}

    /** 0 when every function's code matches its file afterwards, 1 when one cannot be copied, 2 when nothing can be read. */
    public static int run(Path template, PrintStream out) {
        Path root = template.toAbsolutePath().getParent().getParent();
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("edge sync: cannot read " + template + ": " + e.getMessage());
            return 2;
        }
        SamTemplate parsed = SamTemplate.parse(text);
        int status = 0;
        for (Map.Entry<String, Map<String, Object>> resource :
                parsed.resources().entrySet()) {
            Object sourceFile = mapOf(resource.getValue().get("Metadata")).get("SourceFile");
            if (!"AWS::CloudFront::Function".equals(resource.getValue().get("Type")) || sourceFile == null) {
                continue;
            }
            String id = resource.getKey();
            String code;
            try {
                code = Files.readString(root.resolve(String.valueOf(sourceFile)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println("edge sync: " + id + ": cannot read " + sourceFile + ": " + e.getMessage());
                status = 1;
                continue;
            }
            if (code.equals(String.valueOf(parsed.properties(id).get("FunctionCode")))) {
                out.println(id + ": FunctionCode already matches " + sourceFile);
                continue;
            }
            try {
                String updated = replaceBlock(text, id, code);
                if (!code.equals(
                        String.valueOf(SamTemplate.parse(updated).properties(id).get("FunctionCode")))) {
                    throw new IllegalArgumentException("the copy would not read back byte for byte: end " + sourceFile
                            + " with exactly one newline and do not start it with a space");
                }
                text = updated;
                out.println(id + ": FunctionCode updated from " + sourceFile + " ("
                        + code.getBytes(StandardCharsets.UTF_8).length + " bytes)");
            } catch (IllegalArgumentException refused) {
                out.println("edge sync: " + id + ": " + refused.getMessage());
                status = 1;
            }
        }
        try {
            Files.writeString(template, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("edge sync: cannot write " + template + ": " + e.getMessage());
            return 2;
        }
        return status;
    }

    /** The template text with the resource's {@code FunctionCode: |} block holding {@code code}. */
    static String replaceBlock(String text, String logicalId, String code) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int resource = lines.indexOf("  " + logicalId + ":");
        if (resource < 0) {
            throw new IllegalArgumentException("no resource line '  " + logicalId + ":' at two spaces of indentation");
        }
        int header = -1;
        for (int i = resource + 1;
                i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("   "));
                i++) {
            if (lines.get(i).trim().equals("FunctionCode: |")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new IllegalArgumentException("its code is not written as 'FunctionCode: |' (a literal block)");
        }
        int indent = lines.get(header).indexOf("FunctionCode");
        int end = header + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indentation(lines.get(end)) > indent)) {
            end++;
        }
        // Blank lines between the block and the next key stay where they are.
        while (end > header + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        String pad = " ".repeat(indent + 2);
        List<String> block = new ArrayList<>();
        String body = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
        for (String line : body.split("\n", -1)) {
            block.add(line.isEmpty() ? "" : pad + line);
        }
        List<String> result = new ArrayList<>(lines.subList(0, header + 1));
        result.addAll(block);
        result.addAll(lines.subList(end, lines.size()));
        return String.join("\n", result);
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
