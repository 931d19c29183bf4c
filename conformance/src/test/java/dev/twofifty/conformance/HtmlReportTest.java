package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as text: every case and verdict, the invariants, the evidence, escaping, self-containment. */
class HtmlReportTest {

    private static final Pattern CELL =
            Pattern.compile("<td class=\"cell [^\"]*\" data-verdict=\"([^\"]*)\" data-client=\"(\\d+)\"");
    private static final Pattern ROW =
            Pattern.compile("<tr class=\"row (case|invariant)\" data-phase=\"([A-Z_]+)\" data-id=\"([^\"]+)\"");

    /** A tag with a src, href or action attribute (attribute values skipped, so escaped text never matches). */
    private static final String ATTRIBUTE_LOADING_A_RESOURCE =
            "<[a-zA-Z]+(?:\\s+[a-zA-Z-]+(?:=\"[^\"]*\"|='[^']*'|=[^\\s>]+)?)*\\s+(?:src|href|action|formaction)\\s*=";

    private static List<String> all(Pattern pattern, String html, int... groups) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            StringBuilder value = new StringBuilder();
            for (int group : groups) {
                value.append(value.length() == 0 ? "" : " ").append(matcher.group(group));
            }
            found.add(value.toString());
        }
        return found;
    }

    /** The evidence template of a cell, by the id its button names. */
    private static String template(String html, String caseId, int client) {
        Matcher row = Pattern.compile("data-id=\"" + Pattern.quote(caseId) + "\">.*?</tr>", Pattern.DOTALL)
                .matcher(html);
        assertThat(row.find()).as("row %s", caseId).isTrue();
        Matcher button = Pattern.compile("data-client=\"" + client + "\"><button type=\"button\" class=\"verdict\""
                        + " data-detail=\"([a-z0-9-]+)\"")
                .matcher(row.group());
        assertThat(button.find()).as("cell %s/%s", caseId, client).isTrue();
        int start = html.indexOf("<template id=\"" + button.group(1) + "\">");
        assertThat(start).as("template of %s/%s", caseId, client).isPositive();
        return html.substring(start, html.indexOf("</template>", start));
    }

    @Test
    void the_matrix_has_a_row_per_case_and_invariant_and_a_cell_per_client() {
        String html = HtmlReport.toHtml(List.of(ReportFixtures.everyVerdict("one"), ReportFixtures.partial("two")));

        assertThat(all(ROW, html, 1, 2, 3))
                .containsExactly(
                        "case CONNECTION TEST-PASS",
                        "case TLS TEST-NA",
                        "case MAIL TEST-FAIL",
                        "case MAIL TEST-WARN",
                        "case DATA TEST-INFO",
                        "invariant INVARIANTS INV-01",
                        "invariant INVARIANTS INV-02",
                        "invariant INVARIANTS INV-03",
                        "invariant INVARIANTS INV-04",
                        "invariant INVARIANTS INV-05",
                        "invariant INVARIANTS INV-06",
                        "invariant INVARIANTS INV-07",
                        "invariant INVARIANTS INV-08",
                        "invariant INVARIANTS INV-09",
                        "invariant INVARIANTS INV-10");
        List<String> cells = all(CELL, html, 2, 1);
        assertThat(cells.subList(0, 10))
                .as("cases in phase order, two clients each; the second did not run two of them")
                .containsExactly(
                        "0 PASS", "1 PASS", "0 N/A", "1 ", "0 FAIL", "1 PASS", "0 WARN", "1 PASS", "0 INFO", "1 ");
        assertThat(cells.subList(10, 30))
                .filteredOn(cell -> !cell.endsWith("PASS"))
                .as("invariants: INV-05 did not hold for the first client")
                .containsExactly("0 FAIL");
        assertThat(html)
                .contains("<th scope=\"col\" class=\"client\" data-client=\"0\">one</th>")
                .contains("<th scope=\"col\" class=\"client\" data-client=\"1\">two</th>")
                .contains("<span title=\"not run for this client\">—</span>")
                .contains("id=\"differ-filter\"");
    }

    @Test
    void verdict_cells_carry_their_label_as_text_and_their_colour_class() {
        String html = HtmlReport.toHtml(ReportFixtures.everyVerdict("one"));

        for (String[] verdict : new String[][] {
            {"PASS", "v-pass"}, {"FAIL", "v-fail"}, {"WARN", "v-warn"}, {"INFO", "v-info"}, {"N/A", "v-na"}
        }) {
            assertThat(html)
                    .containsPattern("<td class=\"cell " + verdict[1] + "\" data-verdict=\"" + Pattern.quote(verdict[0])
                            + "\" data-client=\"0\"><button [^>]+>" + Pattern.quote(verdict[0]) + "[ <]");
        }
        assertThat(html).contains("WARN <span class=\"flag\" title=\"INV-05 FAIL\">+1 INV</span>");
        assertThat(html)
                .as("filters: every phase present, the invariants, every verdict")
                .contains("<option value=\"CONNECTION\">2.1 Connection and greeting</option>")
                .contains("<option value=\"INVARIANTS\">Invariants</option>")
                .contains("name=\"verdict\" value=\"N/A\" checked")
                .doesNotContain("<option value=\"QUIT\">")
                .doesNotContain("id=\"differ-filter\"");
    }

    @Test
    void each_cell_has_its_evidence() {
        String html = HtmlReport.toHtml(ReportFixtures.everyVerdict("one"));

        String warn = template(html, "TEST-WARN", 0);
        assertThat(warn)
                .contains("<span class=\"badge v-warn\">WARN</span> <code>TEST-WARN</code> warns")
                .contains("<p class=\"reason\">it did not wait</p>")
                .contains("<dt>Client</dt><dd>one</dd>", "<dt>Phase</dt><dd>2.5 MAIL</dd>")
                .contains("<dt>Level</dt><dd>SHOULD</dd>", "<dt>RFC</dt><dd>RFC 5321 §4.1.1.10</dd>")
                .contains("<dt>Rationale</dt><dd>Why it matters: warns</dd>", "<dt>Time</dt><dd>12 ms</dd>")
                .contains("<pre class=\"evidence-lines\"><span class=\"ln\">S1 C: DATA</span>")
                .contains("<span class=\"badge v-fail\">FAIL</span> <strong>INV-05</strong> pipelined without")
                .contains("<ol class=\"outcomes\"><li>PERMANENT(554): bad greeting TEST-WARN</li></ol>")
                .contains("<span class=\"ln s\">S1     0 ms S: 554 5.3.2 No service for TEST-WARN</span>")
                .contains("<span class=\"ln c\">S1     2 ms C: QUIT</span>")
                .contains("<span class=\"ln ev\">S1     3 ms -- connection closed (CLIENT_CLOSE)</span>");
        assertThat(template(html, "TEST-NA", 0))
                .contains("the client does not support [STARTTLS]", "None: nothing was sent.")
                .contains("None: the client was not run.");
        assertThat(template(html, "INV-05", 0))
                .contains("<span class=\"badge v-fail\">FAIL</span> <code>INV-05</code> invariant")
                .contains("Lock-step unless PIPELINING")
                .contains("<code>TEST-WARN</code> pipelined without PIPELINING");
        assertThat(template(html, "INV-01", 0)).contains("It held on every case's transcript.");
    }

    @Test
    void every_text_from_the_report_is_escaped() {
        String html = HtmlReport.toHtml(ReportFixtures.everyVerdict(ReportFixtures.HOSTILE));

        String escaped = "&lt;script&gt;window.__injected=1&lt;/script&gt; ]]&gt; &amp;amp; &quot;q&quot; &#39;a&#39;"
                + " \u2400\u241b\u240d \uFFFD \uD83D\uDE00 &lt;img src=x onerror=&quot;window.__injected=2&quot;&gt;";
        assertThat(html)
                .doesNotContain("<script>window", "<img", "\u0000", "\u001b", "\r")
                .contains("<title>SMTP conformance: " + escaped + "</title>")
                .contains("<th scope=\"col\" class=\"client\" data-client=\"0\">" + escaped + "</th>")
                .contains("<span class=\"title\">fails " + escaped + "</span>")
                .contains("title=\"it broke the rule " + escaped + "\"")
                .contains("<p class=\"reason\">it broke the rule " + escaped + "</p>")
                .contains("<span class=\"ln\">S1 C: EHLO " + escaped + "</span>");
        assertThat(html.split("<script>", -1))
                .as("one script element, the report's own")
                .hasSize(2);
    }

    @Test
    void the_page_is_self_contained() {
        String html = HtmlReport.toHtml(ReportFixtures.everyVerdict("one"));
        assertThat("<p>x</p><img alt=\"a>b\" src=\"x.png\">").containsPattern(ATTRIBUTE_LOADING_A_RESOURCE);
        assertThat("<a class=x href=y>").containsPattern(ATTRIBUTE_LOADING_A_RESOURCE);

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("<style>", "<script>")
                .doesNotContainPattern("<(link|img|iframe|object|embed)\\b")
                .doesNotContainPattern(ATTRIBUTE_LOADING_A_RESOURCE)
                .doesNotContainPattern("url\\(")
                .doesNotContain("http://", "https://", "@import");
    }

    @Test
    void reports_are_needed() {
        assertThatThrownBy(() -> HtmlReport.toHtml(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An HTML report needs at least one conformance report");
    }

    @Test
    void the_writer_puts_json_junit_xml_and_html_in_one_directory(@TempDir Path directory) throws Exception {
        Path target = directory.resolve("reports/run-1");

        ReportWriter.Written one = ReportWriter.write(ReportFixtures.everyVerdict("one"), target);

        assertThat(one.all())
                .containsExactly(
                        target.resolve("report.json"), target.resolve("junit.xml"), target.resolve("report.html"));
        assertThat(Files.readString(one.json())).contains("\"client\" : \"one\"", "\"id\" : \"TEST-FAIL\"");
        assertThat(Files.readString(one.junitXml())).contains("<testsuite name=\"one\"");
        assertThat(Files.readString(one.html())).contains("data-id=\"TEST-FAIL\"");

        ReportWriter.Written two =
                ReportWriter.write(List.of(ReportFixtures.everyVerdict("one"), ReportFixtures.partial("two")), target);

        assertThat(Files.readString(two.json()))
                .startsWith("{\n  \"reports\" : [ {\n    \"client\" : \"one\"")
                .contains("\"client\" : \"two\"");
        assertThat(Files.readString(two.junitXml())).contains("<testsuite name=\"one\"", "<testsuite name=\"two\"");
        assertThat(Files.readString(two.html())).contains("data-client=\"1\">two</th>");
    }
}
