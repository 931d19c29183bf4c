package dev.twofifty.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.twofifty.samples.docs.DocSnippets.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the Java code of the docs tested: every {@code ```java} block of {@code README.md} and
 * {@code docs/*.md} must be a copy of a region of a compiled, run sample source (see {@link DocSnippets}
 * for the markers), or be marked {@code <!-- not-compiled: reason -->}, which is kept for other
 * libraries' code in {@code docs/migrating.md} and rare fragments that cannot stand alone.
 *
 * <p>When a source changes, copy it into the docs with:
 *
 * <pre>
 * mvn -B -pl samples -am verify -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsnippets.update=true
 * </pre>
 */
class DocSnippetsTest {

    /** Not-compiled blocks outside docs/migrating.md: a handful at most. */
    private static final int MAX_NOT_COMPILED_ELSEWHERE = 3;

    static final Path ROOT = findRoot();

    @TestFactory
    Stream<DynamicTest> every_java_block_of_the_docs_is_a_tested_snippet() throws IOException {
        if (Boolean.getBoolean("snippets.update")) {
            for (Path doc : docs()) {
                updateSnippets(doc);
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs()) {
            for (Block block : DocSnippets.blocks(Files.readAllLines(doc))) {
                if (block.language().equals("java")) {
                    String where = ROOT.relativize(doc) + ":" + block.line();
                    tests.add(dynamicTest(where, () -> check(where, block)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(String where, Block block) {
        if (block.notCompiledReason().isPresent()) {
            assertThat(block.notCompiledReason().get())
                    .as("%s: a not-compiled block needs a reason", where)
                    .isNotBlank();
            return;
        }
        String reference = block.snippet()
                .orElseThrow(() -> new AssertionError(where
                        + ": this ```java block is not tested. Put its code in a test under samples/src between"
                        + " '// tag::NAME[]' and '// end::NAME[]', and write '<!-- snippet: PATH#NAME -->' on the"
                        + " line before the block (or '<!-- not-compiled: reason -->' for another library's code)."));
        List<String> source = DocSnippets.extract(ROOT, reference);
        if (!source.equals(block.code())) {
            throw new AssertionError(where + ": the block differs from " + reference + firstDifference(block, source)
                    + "\nThe source reads:\n```java\n" + String.join("\n", source) + "\n```\n"
                    + "Fix the source (it is what runs), then copy it into the docs with -Dsnippets.update=true.");
        }
    }

    private static String firstDifference(Block block, List<String> source) {
        List<String> doc = block.code();
        for (int i = 0; i < Math.max(doc.size(), source.size()); i++) {
            String docLine = i < doc.size() ? doc.get(i) : "(end of block)";
            String sourceLine = i < source.size() ? source.get(i) : "(end of snippet)";
            if (!docLine.equals(sourceLine)) {
                return String.format(
                        " from line %d of the block on:%n  doc   : %s%n  source: %s", i + 1, docLine, sourceLine);
            }
        }
        return "";
    }

    @Test
    void not_compiled_blocks_are_rare_outside_the_migration_guide() throws IOException {
        List<String> notCompiled = new ArrayList<>();
        for (Path doc : docs()) {
            if (doc.getFileName().toString().equals("migrating.md")) {
                continue;
            }
            for (Block block : DocSnippets.blocks(Files.readAllLines(doc))) {
                block.notCompiledReason()
                        .ifPresent(reason -> notCompiled.add(ROOT.relativize(doc) + ":" + block.line() + " " + reason));
            }
        }
        assertThat(notCompiled).hasSizeLessThanOrEqualTo(MAX_NOT_COMPILED_ELSEWHERE);
    }

    @Test
    void every_snippet_marker_stands_before_a_java_block() throws IOException {
        List<String> stray = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            Set<Integer> used = new HashSet<>();
            for (Block block : DocSnippets.blocks(lines)) {
                if (block.language().equals("java") && block.markerLine() >= 0) {
                    used.add(block.markerLine());
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean marker = DocSnippets.SNIPPET.matcher(line).matches()
                        || DocSnippets.NOT_COMPILED.matcher(line).matches();
                if (marker && !used.contains(i)) {
                    stray.add(ROOT.relativize(doc) + ":" + (i + 1) + " " + line.strip());
                }
            }
        }
        assertThat(stray).as("markers with no ```java block right after them").isEmpty();
    }

    @Test
    void every_tagged_region_of_the_samples_is_shown_in_the_docs() throws IOException {
        Set<String> shown = new HashSet<>();
        for (Path doc : docs()) {
            for (Block block : DocSnippets.blocks(Files.readAllLines(doc))) {
                block.snippet().ifPresent(shown::add);
            }
        }
        Set<String> unused = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples/src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String path = ROOT.relativize(file).toString().replace('\\', '/');
                for (String name : DocSnippets.tagNames(Files.readAllLines(file))) {
                    if (!shown.contains(path + "#" + name)) {
                        unused.add(path + "#" + name);
                    }
                }
            }
        }
        assertThat(unused)
                .as("tagged regions no doc shows (remove the tags, or show them)")
                .isEmpty();
    }

    /** README.md and docs/*.md, in a stable order. */
    static List<Path> docs() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> all = new ArrayList<>();
            all.add(ROOT.resolve("README.md"));
            docs.filter(doc -> doc.toString().endsWith(".md")).sorted().forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every snippet's source into its block. */
    private static void updateSnippets(Path doc) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(doc));
        List<Block> blocks = DocSnippets.blocks(lines);
        boolean changed = false;
        for (int b = blocks.size() - 1; b >= 0; b--) { // from the end, so earlier line numbers stay valid
            Block block = blocks.get(b);
            if (!block.language().equals("java") || block.snippet().isEmpty()) {
                continue;
            }
            List<String> source = DocSnippets.extract(ROOT, block.snippet().get());
            if (!source.equals(block.code())) {
                List<String> indented = source.stream()
                        .map(line -> line.isEmpty() ? line : block.indent() + line)
                        .toList();
                lines.subList(block.line(), block.end()).clear();
                lines.addAll(block.line(), indented);
                changed = true;
            }
        }
        if (changed) {
            Files.writeString(doc, String.join("\n", lines) + "\n");
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the project root (README.md and docs/) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
