package dev.twofifty.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.samples.docs.DocSnippets.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link DocSnippets} reads doc blocks, markers and tagged regions. */
class DocSnippetsParserTest {

    private static final List<String> SOURCE = List.of(
            "package x;",
            "",
            "import static a.B.c;",
            "",
            "import java.util.List;",
            "",
            "class T {",
            "    void t() {",
            "        // tag::first[]",
            "        int a = 1;",
            "        // tag::inner[]",
            "        if (a > 0) {",
            "            a++;",
            "        }",
            "        // end::inner[]",
            "        // end::first[]",
            "        // tag::first[]",
            "        int b = a; // a second region of the same name",
            "        // end::first[]",
            "    }",
            "}");

    @Test
    void a_tagged_region_loses_its_indentation_and_other_markers() {
        assertThat(DocSnippets.tagged(SOURCE, "inner", "T.java")).containsExactly("if (a > 0) {", "    a++;", "}");
        assertThat(DocSnippets.tagged(SOURCE, "first", "T.java"))
                .containsExactly(
                        "int a = 1;",
                        "if (a > 0) {",
                        "    a++;",
                        "}",
                        "",
                        "int b = a; // a second region of the same name");
        assertThat(DocSnippets.tagNames(SOURCE)).containsExactly("first", "inner");
    }

    @Test
    void imports_and_whole_files() {
        assertThat(DocSnippets.imports(SOURCE, "T.java"))
                .containsExactly("import static a.B.c;", "", "import java.util.List;");
        assertThat(DocSnippets.wholeFile(SOURCE))
                .startsWith("import static a.B.c;")
                .endsWith("}")
                .noneMatch(line -> line.contains("tag::") || line.contains("end::"));
    }

    @Test
    void broken_tags_are_reported() {
        assertThatThrownBy(() -> DocSnippets.tagged(List.of("// tag::x[]", "a"), "x", "T.java"))
                .hasMessage("tag::x[] is never closed in T.java");
        assertThatThrownBy(() -> DocSnippets.tagged(List.of("a"), "x", "T.java"))
                .hasMessage("No region tagged 'x' in T.java");
        assertThatThrownBy(() -> DocSnippets.tagged(List.of("// end::x[]"), "x", "T.java"))
                .hasMessage("end::x[] without tag::x[] at line 1 of T.java");
    }

    @Test
    void blocks_carry_the_marker_before_them() {
        List<Block> blocks = DocSnippets.blocks(List.of(
                "Text",
                "<!-- snippet: samples/src/A.java#x -->",
                "",
                "```java",
                "int a;",
                "```",
                "<!-- not-compiled: GreenMail's API -->",
                "  ```java",
                "  greenMail.start();",
                "  ```",
                "```json",
                "{}",
                "```"));

        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).snippet()).contains("samples/src/A.java#x");
        assertThat(blocks.get(0).code()).containsExactly("int a;");
        assertThat(blocks.get(1).notCompiledReason()).contains("GreenMail's API");
        assertThat(blocks.get(1).code()).containsExactly("greenMail.start();");
        assertThat(blocks.get(2).language()).isEqualTo("json");
        assertThat(blocks.get(2).marker()).isEmpty();
    }

    @Test
    void snippets_come_only_from_the_samples() {
        assertThatThrownBy(
                        () -> DocSnippets.extract(DocSnippetsTest.ROOT, "core/src/main/java/dev/twofifty/Limits.java"))
                .hasMessageContaining("under samples/src");
    }
}
