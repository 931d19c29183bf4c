package dev.twofifty.samples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fenced code blocks of the Markdown docs and the regions of source files they are copied
 * from. A doc block is tied to its source by an HTML comment on the line before it (blank lines may
 * come between):
 *
 * <pre>
 * &lt;!-- snippet: samples/src/test/java/dev/twofifty/samples/guide/ScriptingGuideTest.java#replies --&gt;
 * ```java
 * smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
 * ```
 * </pre>
 *
 * <p>The part after {@code #} names what to take from the file:
 *
 * <ul>
 *   <li>{@code #name}: the lines between {@code // tag::name[]} and {@code // end::name[]}. A name may
 *       mark several regions; they are joined with a blank line. Each region loses its common
 *       indentation, and lines with other tag markers are left out.
 *   <li>{@code #imports}: the file's import lines.
 *   <li>nothing: the whole file after its {@code package} line, without tag markers.
 * </ul>
 *
 * <p>{@code <!-- not-compiled: reason -->} marks a block that is deliberately not tested: another
 * library's code, or a fragment that cannot stand alone.
 */
final class DocSnippets {

    static final Pattern SNIPPET = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)\\s*-->\\s*$");
    static final Pattern NOT_COMPILED = Pattern.compile("^\\s*<!--\\s*not-compiled:(.*?)-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([\\w+-]*)\\s*$");
    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w.-]+)\\[]\\s*$");

    private DocSnippets() {}

    /**
     * A fenced code block of a doc.
     *
     * @param line the 1-based line of its opening fence
     * @param end the 0-based index of its closing fence
     * @param language the info string ({@code java}, {@code json}, ...), or empty
     * @param marker the HTML comment before it, or empty
     * @param markerLine the 0-based index of that comment, or -1
     * @param indent the indentation of the fence, removed from the code lines
     * @param code the lines between the fences
     */
    record Block(
            int line,
            int end,
            String language,
            Optional<String> marker,
            int markerLine,
            String indent,
            List<String> code) {

        /** The source reference of a snippet marker, if this block has one. */
        Optional<String> snippet() {
            return marker.map(SNIPPET::matcher).filter(Matcher::matches).map(m -> m.group(1));
        }

        /** The reason of a not-compiled marker, if this block has one. */
        Optional<String> notCompiledReason() {
            return marker.map(NOT_COMPILED::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1).strip());
        }
    }

    /** The fenced blocks of a Markdown text, in order. */
    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException("The code block at line " + (i + 1) + " is never closed");
            }
            List<String> code = new ArrayList<>();
            for (String line : lines.subList(i + 1, end)) {
                code.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
            }
            int previous = i - 1;
            while (previous >= 0 && lines.get(previous).isBlank()) {
                previous--;
            }
            boolean comment = previous >= 0 && lines.get(previous).strip().startsWith("<!--");
            blocks.add(new Block(
                    i + 1,
                    end,
                    open.group(2),
                    comment ? Optional.of(lines.get(previous).strip()) : Optional.empty(),
                    comment ? previous : -1,
                    indent,
                    code));
            i = end;
        }
        return blocks;
    }

    /** The lines a snippet reference stands for, read from the file it names (relative to {@code root}). */
    static List<String> extract(Path root, String reference) {
        int hash = reference.indexOf('#');
        String file = hash < 0 ? reference : reference.substring(0, hash);
        Path path = root.resolve(file).normalize();
        if (!path.startsWith(root.resolve("samples/src")) || !file.endsWith(".java")) {
            throw new IllegalArgumentException(
                    "Snippets come from Java files under samples/src, where they are compiled and run: " + reference);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the snippet source " + reference, e);
        }
        if (hash < 0) {
            return wholeFile(lines);
        }
        String name = reference.substring(hash + 1);
        return name.equals("imports") ? imports(lines, reference) : tagged(lines, name, reference);
    }

    /** The tag names a source file defines, in order of first appearance. */
    static List<String> tagNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher tag = TAG.matcher(line);
            if (tag.matches() && tag.group(1).equals("tag") && !names.contains(tag.group(2))) {
                names.add(tag.group(2));
            }
        }
        return names;
    }

    static List<String> wholeFile(List<String> lines) {
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("package ")) {
                start = i + 1;
                break;
            }
        }
        List<String> body = lines.subList(start, lines.size()).stream()
                .filter(line -> !TAG.matcher(line).matches())
                .toList();
        return trimBlankEnds(body);
    }

    static List<String> imports(List<String> lines, String reference) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("import ")) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("No import lines in " + reference);
        }
        return List.copyOf(lines.subList(first, last + 1));
    }

    static List<String> tagged(List<String> lines, String name, String reference) {
        List<String> result = new ArrayList<>();
        List<String> region = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i));
            if (!tag.matches()) {
                if (region != null) {
                    region.add(lines.get(i));
                }
                continue;
            }
            if (!tag.group(2).equals(name)) {
                continue; // another snippet's marker inside or around this one
            }
            if (tag.group(1).equals("tag")) {
                if (region != null) {
                    throw new IllegalArgumentException("tag::" + name + "[] opens twice without end::" + name
                            + "[] in between, at line " + (i + 1) + " of " + reference);
                }
                region = new ArrayList<>();
            } else {
                if (region == null) {
                    throw new IllegalArgumentException(
                            "end::" + name + "[] without tag::" + name + "[] at line " + (i + 1) + " of " + reference);
                }
                if (!result.isEmpty()) {
                    result.add("");
                }
                result.addAll(dedent(trimBlankEnds(region)));
                region = null;
            }
        }
        if (region != null) {
            throw new IllegalArgumentException("tag::" + name + "[] is never closed in " + reference);
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("No region tagged '" + name + "' in " + reference);
        }
        return result;
    }

    static List<String> dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .toList();
    }

    private static List<String> trimBlankEnds(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return List.copyOf(lines.subList(from, to));
    }
}
