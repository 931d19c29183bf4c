package dev.twofifty.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every relative link of README.md and docs/*.md points to a file that exists, and to a heading that exists. */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void relative_links_resolve() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : DocSnippetsTest.docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String problem = check(doc, link.group(1));
                    if (problem != null) {
                        broken.add(DocSnippetsTest.ROOT.relativize(doc) + ":" + (i + 1) + " " + link.group(1) + ": "
                                + problem);
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void anchors_are_made_as_github_makes_them() {
        assertThat(anchors(List.of("### `GET /api/messages/{id}`", "## Strict and lenient", "## Errors", "## Errors")))
                .containsExactly("get-apimessagesid", "strict-and-lenient", "errors", "errors-1");
    }

    private static String check(Path doc, String target) throws IOException {
        if (target.matches("^[a-z]+:.*")) {
            return null; // http:, https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
            return "no such file";
        }
        if (hash < 0 || !linked.toString().endsWith(".md")) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        return anchors(Files.readAllLines(linked)).contains(anchor) ? null : "no such heading";
    }

    /** The anchors GitHub gives the headings of a Markdown text, outside code blocks. */
    static List<String> anchors(List<String> lines) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCode || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }
}
