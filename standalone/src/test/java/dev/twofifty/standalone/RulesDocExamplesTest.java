package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.script.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```json} block of {@code docs/rules.md} is a valid rule document, except blocks marked
 * with a preceding {@code <!-- invalid -->}, which must fail; when an invalid block is followed by a
 * {@code ```text} block, that is the exact error message.
 */
class RulesDocExamplesTest {

    private static final Path RULES_MD = Path.of("../docs/rules.md");

    /** A fenced JSON block: where it starts, its text, whether it is marked invalid, and the message shown. */
    record Example(int line, String json, boolean invalid, String message) {}

    static List<Example> examples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```json")) {
                continue;
            }
            boolean invalid = previousNonBlank(lines, i).equals("<!-- invalid -->");
            int end = closingFence(lines, i);
            String json = String.join("\n", lines.subList(i + 1, end));
            String message = null;
            int next = end + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (invalid && next < lines.size() && lines.get(next).strip().equals("```text")) {
                int messageEnd = closingFence(lines, next);
                message = String.join("\n", lines.subList(next + 1, messageEnd));
            }
            examples.add(new Example(i + 1, json, invalid, message));
            i = end;
        }
        return examples;
    }

    private static String previousNonBlank(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "";
    }

    private static int closingFence(List<String> lines, int opening) {
        for (int i = opening + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```")) {
                return i;
            }
        }
        throw new IllegalStateException("Unclosed code block at line " + (opening + 1) + " of " + RULES_MD);
    }

    private static List<Example> docExamples() throws IOException {
        return examples(Files.readAllLines(RULES_MD));
    }

    @TestFactory
    Stream<DynamicTest> every_json_example_parses_or_fails_as_marked() throws IOException {
        return docExamples().stream()
                .map(example -> DynamicTest.dynamicTest(
                        (example.invalid() ? "invalid" : "valid") + " example at line " + example.line(), () -> {
                            if (example.invalid()) {
                                var failure = assertThatThrownBy(() -> RuleJson.parse(example.json()))
                                        .isInstanceOf(RuleJson.RuleJsonException.class);
                                if (example.message() != null) {
                                    failure.hasMessage(example.message());
                                }
                            } else {
                                List<Rule> rules = RuleJson.parse(example.json());
                                assertThat(rules).isNotEmpty();
                                // What the page shows survives the JSON round trip.
                                for (Rule rule : rules) {
                                    assertThat(RuleJson.parse(RuleJson.write(rule)))
                                            .containsExactly(rule);
                                }
                            }
                        }));
    }

    @Test
    void the_page_has_valid_and_invalid_examples_with_their_messages() throws IOException {
        List<Example> examples = docExamples();

        assertThat(examples).filteredOn(example -> !example.invalid()).hasSizeGreaterThan(10);
        assertThat(examples)
                .filteredOn(Example::invalid)
                .isNotEmpty()
                .allSatisfy(example -> assertThat(example.message()).isNotBlank());
    }

    @Test
    void the_extractor_sees_markers_and_messages() {
        List<Example> examples = examples(List.of(
                "text",
                "```json",
                "{\"on\": \"MAIL\"}",
                "```",
                "<!-- invalid -->",
                "",
                "```json",
                "{}",
                "```",
                "",
                "```text",
                "on: is required",
                "```"));

        assertThat(examples)
                .containsExactly(
                        new Example(2, "{\"on\": \"MAIL\"}", false, null),
                        new Example(7, "{}", true, "on: is required"));
    }
}
