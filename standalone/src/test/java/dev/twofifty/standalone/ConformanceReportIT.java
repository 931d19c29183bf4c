package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientRegistry;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.ReportWriter;
import dev.twofifty.conformance.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium over the DevTools protocol (as {@link WebViewIT}),
 * opening the file the runner wrote for Angus Mail's two profiles. Skipped when no Chromium is
 * installed; {@code .ci/run} installs it.
 */
@Timeout(120)
class ConformanceReportIT {

    private static final String CASES = "GREET-554,MAIL-5XX,QUIT-LAST";

    /** Markup, entities, quotes and controls that would run or break the page if not escaped. */
    private static final String HOSTILE =
            "<img src=x onerror=\"window.__injected=1\"><script>window.__injected=2</script> & \u0007 \"x\" 'y'";

    private static HeadlessChromium browser;
    private static List<ConformanceReport> reports;
    private static Path reportDir;
    private static Path hostileDir;

    @BeforeAll
    static void start(@TempDir Path profile, @TempDir Path reportsDirectory) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            return;
        }
        List<ConformanceCase> cases = Catalogue.matching(CASES);
        ConformanceRunner runner = ConformanceRunner.builder().parallelism(2).build();
        reports = List.of(
                runner.run(ClientRegistry.builtIn().create("angus").orElseThrow(), cases),
                runner.run(ClientRegistry.builtIn().create("angus-hardened").orElseThrow(), cases));
        reportDir = reportsDirectory.resolve("angus");
        ReportWriter.write(reports, reportDir);
        hostileDir = reportsDirectory.resolve("hostile");
        ReportWriter.write(hostileReport(), hostileDir);
        browser = HeadlessChromium.launch(chromium.get(), profile);
    }

    @BeforeEach
    void needsBrowser() {
        assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium); skipping report.html");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Opens the report in a new tab and waits for its load. {@link HeadlessChromium#open} waits on document
     * changes, which suits the live web view; this page is static once loaded, so the wait polls in the page.
     */
    private static HeadlessChromium.Page open(Path directory, String hash) {
        String url = directory.resolve("report.html").toUri() + hash;
        String target = browser.call(
                        null, "Target.createTarget", browser.params().put("url", "about:blank"))
                .get("targetId")
                .asText();
        String session = browser.call(
                        null,
                        "Target.attachToTarget",
                        browser.params().put("targetId", target).put("flatten", true))
                .get("sessionId")
                .asText();
        HeadlessChromium.Page page = new HeadlessChromium.Page(browser, session);
        browser.call(session, "Page.enable", browser.params());
        browser.call(session, "Runtime.enable", browser.params());
        browser.call(session, "Network.enable", browser.params());
        JsonNode navigated =
                browser.call(session, "Page.navigate", browser.params().put("url", url));
        assertThat(navigated.has("errorText")).as("navigation to " + url).isFalse();
        page.evaluate("new Promise((resolve, reject) => {"
                + " const until = Date.now() + 20000;"
                + " const check = () => {"
                + "  if (document.readyState === 'complete' && document.getElementById('matrix')) resolve(true);"
                + "  else if (Date.now() > until) reject(new Error('report.html did not load: ' + location.href));"
                + "  else setTimeout(check, 25); };"
                + " check(); })");
        return page;
    }

    private static long count(Verdict verdict) {
        return reports.stream()
                .flatMap(report -> report.results().stream())
                .filter(result -> result.verdict() == verdict)
                .count();
    }

    private static CaseResult result(int client, String id) {
        return reports.get(client).result(id).orElseThrow();
    }

    // =====================================================================================
    // Tests

    @Test
    void shows_a_labelled_coloured_cell_per_case_and_client_with_the_verdicts_of_the_run() {
        HeadlessChromium.Page page = open(reportDir, "");

        JsonNode cells = page.evaluate("[...document.querySelectorAll('#matrix tr.row.case td.cell')].map((td) => ({"
                + " id: td.closest('tr').dataset.id, client: td.dataset.client, verdict: td.dataset.verdict,"
                + " text: td.innerText.trim(), background: getComputedStyle(td).backgroundColor }))");

        assertThat(cells).hasSize(3 * 2);
        List<String> shown = new ArrayList<>();
        cells.forEach(cell -> {
            assertThat(cell.get("text").asText())
                    .as("the cell's text")
                    .startsWith(cell.get("verdict").asText());
            shown.add(cell.get("id").asText() + "/" + cell.get("client").asText() + " "
                    + cell.get("verdict").asText());
        });
        List<String> expected = new ArrayList<>();
        for (ConformanceCase conformanceCase : Catalogue.matching(CASES)) {
            for (int client = 0; client < 2; client++) {
                expected.add(conformanceCase.id() + "/" + client + " "
                        + result(client, conformanceCase.id()).verdict().label());
            }
        }
        assertThat(shown).containsExactlyElementsOf(expected);
        assertThat(visibleCells(page, "FAIL")).isEqualTo(count(Verdict.FAIL)).isEqualTo(1);
        assertThat(visibleCells(page, "PASS")).isEqualTo(count(Verdict.PASS)).isEqualTo(5);
        assertThat(colours(cells, "FAIL")).hasSize(1).doesNotContainAnyElementsOf(colours(cells, "PASS"));
        assertThat(colours(cells, "PASS")).hasSize(1);
        assertThat(page.evaluate("document.getElementById('status').textContent")
                        .asText())
                .isEqualTo("Showing 3 of 3 cases and 10 of 10 invariants");
        assertThat(page.evaluate("[...document.querySelectorAll('#matrix tr.row.invariant td.cell')]"
                                + ".filter((td) => td.dataset.verdict === 'FAIL')"
                                + ".map((td) => td.closest('tr').dataset.id + '/' + td.dataset.client)")
                        .toString())
                .as("angus with its defaults closes without QUIT: INV-10")
                .isEqualTo("[\"INV-10/0\"]");
        assertThat(page.requestedUrls()).allMatch(url -> url.startsWith("file:"));
        assertThat(page.exceptions()).isEmpty();
    }

    @Test
    void clicking_a_cell_shows_its_evidence_and_close_hides_it() {
        HeadlessChromium.Page page = open(reportDir, "");
        CaseResult fail = result(0, "GREET-554");

        page.evaluate("document.querySelector('tr[data-id=\"GREET-554\"] td[data-client=\"0\"] button').click(); true");
        page.waitFor("!document.getElementById('detail').hidden", "the evidence panel");

        JsonNode detail = detail(page);
        assertThat(detail.get("heading").asText())
                .isEqualTo("FAIL GREET-554 " + fail.conformanceCase().title());
        assertThat(detail.get("reason").asText()).isEqualTo(fail.judgement().reason());
        assertThat(detail.get("facts").asText())
                .contains(
                        "Clientangus-mail (defaults)",
                        "LevelMUST",
                        "RFC" + String.join(", ", fail.conformanceCase().rfc()))
                .contains("Rationale" + fail.conformanceCase().rationale());
        assertThat(detail.get("evidence").asText())
                .isEqualTo(String.join("\n", fail.judgement().evidence()) + "\n");
        assertThat(detail.get("findings").asText()).contains("FAIL INV-10 ");
        assertThat(detail.get("outcomes").asText())
                .isEqualTo(fail.outcomes().get(0).toString())
                .startsWith(Outcome.Kind.PERMANENT.name());
        assertThat(detail.get("transcript").asText()).isEqualTo(String.join("\n", fail.transcript()) + "\n");
        assertThat(detail.get("selected").asText()).isEqualTo("GREET-554/0");
        assertThat(page.evaluate("location.hash").asText()).startsWith("#ev-");

        page.evaluate("document.getElementById('detail-close').click(); true");
        page.waitFor("document.getElementById('detail').hidden", "the panel to close");
        assertThat(page.evaluate("document.querySelectorAll('td.selected').length")
                        .asInt())
                .isZero();

        page.evaluate("document.querySelector('tr[data-id=\"INV-10\"] td[data-client=\"0\"] button').click(); true");
        page.waitFor("!document.getElementById('detail').hidden", "the evidence of the invariant");
        assertThat(detail(page).get("heading").asText()).isEqualTo("FAIL INV-10 invariant");
        assertThat(page.evaluate("document.getElementById('detail-body').textContent")
                        .asText())
                .contains("Where it did not hold", "GREET-554");

        page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); true");
        page.waitFor("document.getElementById('detail').hidden", "Escape to close the panel");
        assertThat(page.exceptions()).isEmpty();
    }

    @Test
    void filters_hide_rows_by_verdict_and_by_phase() {
        HeadlessChromium.Page page = open(reportDir, "");

        click(page, "#filters input[value=\"PASS\"]");
        assertThat(visibleRows(page)).containsExactly("GREET-554", "INV-10");
        assertThat(status(page)).isEqualTo("Showing 1 of 3 cases and 1 of 10 invariants");

        click(page, "#filters input[value=\"PASS\"]");
        selectPhase(page, "MAIL");
        assertThat(visibleRows(page)).containsExactly("MAIL-5XX");
        assertThat(page.evaluate("document.querySelector('tbody[data-phase=\"CONNECTION\"]').hidden")
                        .asBoolean())
                .isTrue();

        selectPhase(page, "INVARIANTS");
        assertThat(visibleRows(page)).hasSize(10).allMatch(id -> id.startsWith("INV-"));
        assertThat(status(page)).isEqualTo("Showing 0 of 3 cases and 10 of 10 invariants");

        selectPhase(page, "");
        click(page, "#differ-filter");
        assertThat(visibleRows(page)).as("only where the two profiles differ").containsExactly("GREET-554", "INV-10");
        assertThat(page.exceptions()).isEmpty();
    }

    @Test
    void report_text_is_shown_as_text_and_never_run() {
        HeadlessChromium.Page page = open(hostileDir, "#ev-0-0");
        page.waitFor("!document.getElementById('detail').hidden", "the deep-linked evidence");

        String asShown = HOSTILE.replace('\u0007', '\u2407');
        assertThat(page.evaluate("document.querySelector('th.client').textContent")
                        .asText())
                .isEqualTo(asShown);
        assertThat(detail(page).get("reason").asText()).isEqualTo("broken: " + asShown);
        assertThat(detail(page).get("transcript").asText()).isEqualTo("S1     1 ms C: EHLO " + asShown + "\n");
        assertThat(page.evaluate("window.__injected === undefined").asBoolean()).isTrue();
        assertThat(page.evaluate("document.querySelectorAll('img').length").asInt())
                .isZero();
        assertThat(page.evaluate("document.scripts.length").asInt()).isEqualTo(1);
        assertThat(page.requestedUrls()).allMatch(url -> url.startsWith("file:"));
        assertThat(page.exceptions()).isEmpty();
    }

    // =====================================================================================
    // Reading the page

    private static int visibleCells(HeadlessChromium.Page page, String verdict) {
        return page.evaluate("[...document.querySelectorAll('#matrix tr.row.case td.cell')]"
                        + ".filter((td) => td.dataset.verdict === '" + verdict
                        + "' && td.offsetParent !== null).length")
                .asInt();
    }

    private static List<String> colours(JsonNode cells, String verdict) {
        List<String> colours = new ArrayList<>();
        cells.forEach(cell -> {
            String colour = cell.get("background").asText();
            if (cell.get("verdict").asText().equals(verdict) && !colours.contains(colour)) {
                colours.add(colour);
            }
        });
        return colours;
    }

    private static void click(HeadlessChromium.Page page, String selector) {
        page.evaluate("document.querySelector('" + selector.replace("'", "\\'") + "').click(); true");
    }

    private static void selectPhase(HeadlessChromium.Page page, String phase) {
        page.evaluate("(() => { const select = document.getElementById('phase-filter'); select.value = '" + phase
                + "'; select.dispatchEvent(new Event('change')); return true; })()");
    }

    private static List<String> visibleRows(HeadlessChromium.Page page) {
        List<String> ids = new ArrayList<>();
        page.evaluate("[...document.querySelectorAll('#matrix tr.row')].filter((tr) => tr.offsetParent !== null)"
                        + ".map((tr) => tr.dataset.id)")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static String status(HeadlessChromium.Page page) {
        return page.evaluate("document.getElementById('status').textContent").asText();
    }

    private static JsonNode detail(HeadlessChromium.Page page) {
        return page.evaluate("(() => {"
                + " const body = document.getElementById('detail-body');"
                + " const text = (selector) => { const el = body.querySelector(selector); return el ? el.textContent : null; };"
                + " const selected = document.querySelector('td.selected');"
                + " return { heading: text('h2').replace(/\\s+/g, ' ').trim(), reason: text('.reason'),"
                + "  facts: text('dl.facts'), evidence: text('pre.evidence-lines'), findings: text('.findings'),"
                + "  outcomes: text('ol.outcomes'), transcript: text('pre.transcript'),"
                + "  selected: selected ? selected.closest('tr').dataset.id + '/' + selected.dataset.client : null };"
                + "})()");
    }

    private static ConformanceReport hostileReport() {
        ConformanceCase conformanceCase = ConformanceCase.builder("HOSTILE-1", "title " + HOSTILE)
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.2")
                .rationale("rationale " + HOSTILE)
                .oracle(observation -> Judgement.pass("unused", List.of()))
                .build();
        CaseResult result = new CaseResult(
                conformanceCase,
                new Judgement(Verdict.FAIL, "broken: " + HOSTILE, List.of("S1 C: MAIL FROM:<" + HOSTILE + ">")),
                List.of(),
                List.of(Outcome.permanentFailure(550, HOSTILE)),
                List.of("S1     1 ms C: EHLO " + HOSTILE),
                Duration.ofMillis(3));
        return new ConformanceReport(HOSTILE, List.of(result), Instant.now(), Duration.ofMillis(3));
    }
}
