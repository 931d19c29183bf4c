package dev.twofifty.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML form of one or more reports, {@code report.html}: one self-contained page (inline CSS and
 * script, no other resource, a Content-Security-Policy that allows none) with the matrix of cases ×
 * clients, verdicts as coloured cells that also carry their text label, filters by phase and by
 * verdict, the ten invariants as rows of their own, and a click on a cell showing its evidence: reason,
 * RFC sections, level, rationale, evidence lines, invariant findings, outcomes and the full transcript.
 *
 * <p>The page is rendered here, not by its script: every value is escaped once ({@link Markup}), the
 * evidence of each cell sits in an inert {@code <template>} that the script only clones, and the page
 * reads without script (the matrix and the evidence are there, the filters do nothing).
 *
 * <p>Stable hooks for tools and tests: the table {@code #matrix}; rows {@code tr.row} with
 * {@code data-phase} (a {@link Phase} name, or {@code INVARIANTS}) and {@code data-id}; cells
 * {@code td.cell} with {@code data-verdict} (the label, empty when the client did not run the case) and
 * {@code data-client} (the report's index); the filters {@code #phase-filter} and
 * {@code input[name=verdict]}; the counter {@code #status}; the evidence panel {@code #detail}.
 */
public final class HtmlReport {

    /** The file name {@link #write} uses. */
    public static final String FILE_NAME = "report.html";

    /** The {@code data-phase} of the invariant rows. */
    public static final String INVARIANTS = "INVARIANTS";

    private static final Pattern TRANSCRIPT_LINE = Pattern.compile("^S\\d+ +\\d+ ms (C:|S:|--) ");

    private final List<ConformanceReport> reports;
    private final List<ConformanceCase> rows;
    private final StringBuilder templates = new StringBuilder();

    private HtmlReport(List<ConformanceReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("An HTML report needs at least one conformance report");
        }
        this.reports = List.copyOf(reports);
        this.rows = unionOfCases(this.reports);
    }

    /** One client's report as a page. */
    public static String toHtml(ConformanceReport report) {
        return toHtml(List.of(report));
    }

    /** Several clients' reports as one page: one column per report, in the given order. */
    public static String toHtml(List<ConformanceReport> reports) {
        return new HtmlReport(reports).render();
    }

    /** Writes {@code report.html} for one report into a directory (created if needed); returns the file. */
    public static Path write(ConformanceReport report, Path directory) {
        return write(List.of(report), directory);
    }

    /** Writes {@code report.html} for several reports into a directory (created if needed); returns the file. */
    public static Path write(List<ConformanceReport> reports, Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            Files.writeString(file, toHtml(reports), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the HTML report to " + directory, e);
        }
    }

    private String render() {
        StringBuilder html = new StringBuilder(64 * 1024);
        String clients = String.join(
                ", ", reports.stream().map(ConformanceReport::client).toList());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .append(" style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"generator\" content=\"TwoFifty\">\n")
                .append("<title>SMTP conformance: ")
                .append(esc(clients))
                .append("</title>\n<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>SMTP client conformance</h1>\n<p class=\"meta\">")
                .append(esc(clients))
                .append(" · ")
                .append(rows.size())
                .append(rows.size() == 1 ? " case" : " cases")
                .append(" · generated by TwoFifty at ")
                .append(esc(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
                .append("</p>\n</header>\n<main>\n");
        appendSummary(html);
        html.append("<section id=\"matrix-section\" aria-labelledby=\"matrix-title\">\n")
                .append("<h2 id=\"matrix-title\">Cases × clients</h2>\n");
        appendFilters(html);
        appendMatrix(html);
        html.append("</section>\n</main>\n");
        html.append("<aside id=\"detail\" hidden tabindex=\"-1\" aria-label=\"Evidence\">\n")
                .append("<div class=\"detail-bar\"><strong>Evidence</strong>")
                .append(
                        "<button type=\"button\" id=\"detail-close\" aria-label=\"Close the evidence\">Close ×</button>")
                .append("</div>\n<div id=\"detail-body\"></div>\n</aside>\n");
        html.append("<div id=\"evidence\" hidden>\n").append(templates).append("</div>\n");
        html.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void appendSummary(StringBuilder html) {
        html.append("<section id=\"summary\" aria-labelledby=\"summary-title\">\n")
                .append("<h2 id=\"summary-title\">Summary</h2>\n<table class=\"summary\">\n<thead><tr>")
                .append("<th scope=\"col\">Client</th><th scope=\"col\">Cases</th>");
        for (Verdict verdict : Verdict.values()) {
            html.append("<th scope=\"col\">").append(verdict.label()).append("</th>");
        }
        html.append("<th scope=\"col\">Invariants not held</th><th scope=\"col\">Started</th>")
                .append("<th scope=\"col\">Time</th></tr></thead>\n<tbody>\n");
        for (int index = 0; index < reports.size(); index++) {
            ConformanceReport report = reports.get(index);
            html.append("<tr data-client=\"").append(index).append("\"><th scope=\"row\">");
            html.append(esc(report.client()))
                    .append("</th><td>")
                    .append(report.results().size())
                    .append("</td>");
            report.counts()
                    .forEach((verdict, count) -> html.append("<td class=\"count")
                            .append(count > 0 ? " " + css(verdict) : "")
                            .append("\" data-verdict=\"")
                            .append(verdict.label())
                            .append("\">")
                            .append(count)
                            .append("</td>"));
            List<String> broken = report.invariants().stream()
                    .filter(summary -> summary.verdict() != Verdict.PASS)
                    .map(summary ->
                            summary.invariant() + " " + summary.verdict().label())
                    .toList();
            html.append("<td>")
                    .append(broken.isEmpty() ? "none" : esc(String.join(", ", broken)))
                    .append("</td><td>")
                    .append(esc(
                            report.startedAt().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .append("</td><td>")
                    .append(millis(report.elapsed()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void appendFilters(StringBuilder html) {
        html.append("<form id=\"filters\" onsubmit=\"return false\">\n")
                .append("<label>Phase <select id=\"phase-filter\">")
                .append("<option value=\"\">All phases</option>");
        rows.stream()
                .map(ConformanceCase::phase)
                .distinct()
                .forEach(phase -> html.append("<option value=\"")
                        .append(phase.name())
                        .append("\">")
                        .append(esc(phase.section() + " " + phase.title()))
                        .append("</option>"));
        html.append("<option value=\"")
                .append(INVARIANTS)
                .append("\">Invariants</option></select></label>\n")
                .append("<fieldset><legend>Verdicts</legend>");
        Map<Verdict, Integer> cells = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            cells.put(verdict, 0);
        }
        reports.forEach(report -> report.results().forEach(result -> cells.merge(result.verdict(), 1, Integer::sum)));
        for (Verdict verdict : Verdict.values()) {
            html.append("<label class=\"badge ")
                    .append(css(verdict))
                    .append("\"><input type=\"checkbox\" name=\"verdict\" value=\"")
                    .append(verdict.label())
                    .append("\" checked> ")
                    .append(verdict.label())
                    .append(" <span class=\"n\">(")
                    .append(cells.get(verdict))
                    .append(")</span></label>");
        }
        html.append("</fieldset>\n");
        if (reports.size() > 1) {
            html.append(
                    "<label><input type=\"checkbox\" id=\"differ-filter\"> Only rows where the clients differ</label>\n");
        }
        html.append("</form>\n<p id=\"status\" role=\"status\">")
                .append(rows.size())
                .append(" cases and ")
                .append(Invariants.ALL.size())
                .append(" invariants</p>\n")
                .append("<p class=\"hint\">Click a verdict to see its evidence. A cell marked “+n INV” has")
                .append(" invariants that did not hold on that case's transcript; they are reported in their own")
                .append(" rows and do not change the case's verdict.</p>\n");
    }

    private void appendMatrix(StringBuilder html) {
        html.append("<table id=\"matrix\">\n<thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Level</th>")
                .append("<th scope=\"col\">RFC</th>");
        for (int index = 0; index < reports.size(); index++) {
            html.append("<th scope=\"col\" class=\"client\" data-client=\"")
                    .append(index)
                    .append("\">")
                    .append(esc(reports.get(index).client()))
                    .append("</th>");
        }
        html.append("</tr></thead>\n");
        int columns = 3 + reports.size();
        Phase current = null;
        for (int row = 0; row < rows.size(); row++) {
            ConformanceCase conformanceCase = rows.get(row);
            if (conformanceCase.phase() != current) {
                if (current != null) {
                    html.append("</tbody>\n");
                }
                current = conformanceCase.phase();
                html.append("<tbody data-phase=\"")
                        .append(current.name())
                        .append("\">\n<tr class=\"phase\"><th colspan=\"")
                        .append(columns)
                        .append("\" scope=\"rowgroup\">")
                        .append(esc(current.section() + " " + current.title()))
                        .append("</th></tr>\n");
            }
            appendCaseRow(html, row, conformanceCase);
        }
        if (current != null) {
            html.append("</tbody>\n");
        }
        html.append("<tbody data-phase=\"")
                .append(INVARIANTS)
                .append("\">\n<tr class=\"phase\"><th colspan=\"")
                .append(columns)
                .append("\" scope=\"rowgroup\">Invariants, checked on every case's transcript</th></tr>\n");
        List<String> invariants = Invariants.ALL.keySet().stream().sorted().toList();
        for (int row = 0; row < invariants.size(); row++) {
            appendInvariantRow(html, row, invariants.get(row));
        }
        html.append("</tbody>\n</table>\n");
    }

    private void appendCaseRow(StringBuilder html, int row, ConformanceCase conformanceCase) {
        html.append("<tr class=\"row case\" data-phase=\"")
                .append(conformanceCase.phase().name())
                .append("\" data-id=\"")
                .append(esc(conformanceCase.id()))
                .append("\"><th scope=\"row\"><code class=\"id\">")
                .append(esc(conformanceCase.id()))
                .append("</code> <span class=\"title\">")
                .append(esc(conformanceCase.title()))
                .append("</span></th><td class=\"level\">")
                .append(conformanceCase.level().name())
                .append("</td><td class=\"rfc\">")
                .append(esc(String.join(", ", conformanceCase.rfc())))
                .append("</td>");
        for (int client = 0; client < reports.size(); client++) {
            ConformanceReport report = reports.get(client);
            CaseResult result = report.result(conformanceCase.id()).orElse(null);
            if (result == null) {
                html.append("<td class=\"cell none\" data-verdict=\"\" data-client=\"")
                        .append(client)
                        .append("\"><span title=\"not run for this client\">—</span></td>");
                continue;
            }
            String detail = "ev-" + row + "-" + client;
            html.append("<td class=\"cell ")
                    .append(css(result.verdict()))
                    .append("\" data-verdict=\"")
                    .append(result.verdict().label())
                    .append("\" data-client=\"")
                    .append(client)
                    .append("\"><button type=\"button\" class=\"verdict\" data-detail=\"")
                    .append(detail)
                    .append("\" title=\"")
                    .append(esc(result.judgement().reason()))
                    .append("\">")
                    .append(result.verdict().label());
            if (!result.findings().isEmpty()) {
                html.append(" <span class=\"flag\" title=\"")
                        .append(esc(String.join(
                                ", ",
                                result.findings().stream()
                                        .map(finding -> finding.invariant() + " "
                                                + finding.verdict().label())
                                        .toList())))
                        .append("\">+")
                        .append(result.findings().size())
                        .append(" INV</span>");
            }
            html.append("</button></td>");
            appendCaseEvidence(detail, report, result);
        }
        html.append("</tr>\n");
    }

    private void appendCaseEvidence(String detail, ConformanceReport report, CaseResult result) {
        ConformanceCase conformanceCase = result.conformanceCase();
        StringBuilder t = templates;
        t.append("<template id=\"").append(detail).append("\"><article class=\"evidence\">");
        t.append("<h2><span class=\"badge ")
                .append(css(result.verdict()))
                .append("\">")
                .append(result.verdict().label())
                .append("</span> <code>")
                .append(esc(conformanceCase.id()))
                .append("</code> ")
                .append(esc(conformanceCase.title()))
                .append("</h2>");
        t.append("<p class=\"reason\">")
                .append(esc(result.judgement().reason()))
                .append("</p>");
        t.append("<dl class=\"facts\">");
        fact(t, "Client", esc(report.client()));
        fact(
                t,
                "Phase",
                esc(conformanceCase.phase().section() + " "
                        + conformanceCase.phase().title()));
        fact(t, "Level", esc(conformanceCase.level().name()));
        fact(t, "RFC", esc(String.join(", ", conformanceCase.rfc())));
        fact(t, "Rationale", conformanceCase.rationale().isEmpty() ? "—" : esc(conformanceCase.rationale()));
        fact(t, "Time", millis(result.elapsed()));
        t.append("</dl>");
        t.append("<h3>Evidence</h3>");
        lines(t, "evidence-lines", result.judgement().evidence());
        t.append("<h3>Invariant findings</h3>");
        if (result.findings().isEmpty()) {
            t.append("<p class=\"findings none\">")
                    .append(result.transcript().isEmpty() ? "None: nothing was sent." : "None: every invariant held.")
                    .append("</p>");
        } else {
            t.append("<ul class=\"findings\">");
            for (Finding finding : result.findings()) {
                t.append("<li><span class=\"badge ")
                        .append(css(finding.verdict()))
                        .append("\">")
                        .append(finding.verdict().label())
                        .append("</span> <strong>")
                        .append(esc(finding.invariant()))
                        .append("</strong> ")
                        .append(esc(finding.reason()));
                lines(t, "finding-lines", finding.evidence());
                t.append("</li>");
            }
            t.append("</ul>");
        }
        t.append("<h3>Outcomes</h3>");
        if (result.outcomes().isEmpty()) {
            t.append("<p class=\"outcomes none\">None: the client was not run.</p>");
        } else {
            t.append("<ol class=\"outcomes\">");
            result.outcomes()
                    .forEach(outcome ->
                            t.append("<li>").append(esc(outcome.toString())).append("</li>"));
            t.append("</ol>");
        }
        t.append("<h3>Transcript</h3>");
        lines(t, "transcript", result.transcript());
        t.append("</article></template>\n");
    }

    private void appendInvariantRow(StringBuilder html, int row, String invariant) {
        String description = Invariants.ALL.get(invariant);
        html.append("<tr class=\"row invariant\" data-phase=\"")
                .append(INVARIANTS)
                .append("\" data-id=\"")
                .append(esc(invariant))
                .append("\"><th scope=\"row\"><code class=\"id\">")
                .append(esc(invariant))
                .append("</code> <span class=\"title\">")
                .append(esc(description))
                .append("</span></th><td class=\"level\">—</td><td class=\"rfc\">—</td>");
        for (int client = 0; client < reports.size(); client++) {
            ConformanceReport report = reports.get(client);
            ConformanceReport.InvariantSummary summary = report.invariants().stream()
                    .filter(candidate -> candidate.invariant().equals(invariant))
                    .findFirst()
                    .orElseThrow();
            String detail = "inv-" + row + "-" + client;
            html.append("<td class=\"cell ")
                    .append(css(summary.verdict()))
                    .append("\" data-verdict=\"")
                    .append(summary.verdict().label())
                    .append("\" data-client=\"")
                    .append(client)
                    .append("\"><button type=\"button\" class=\"verdict\" data-detail=\"")
                    .append(detail)
                    .append("\">")
                    .append(summary.verdict().label());
            if (!summary.cases().isEmpty()) {
                html.append(" <span class=\"flag\">in ")
                        .append(summary.cases().size())
                        .append(summary.cases().size() == 1 ? " case" : " cases")
                        .append("</span>");
            }
            html.append("</button></td>");
            appendInvariantEvidence(detail, report, summary);
        }
        html.append("</tr>\n");
    }

    private void appendInvariantEvidence(
            String detail, ConformanceReport report, ConformanceReport.InvariantSummary summary) {
        StringBuilder t = templates;
        t.append("<template id=\"").append(detail).append("\"><article class=\"evidence\">");
        t.append("<h2><span class=\"badge ")
                .append(css(summary.verdict()))
                .append("\">")
                .append(summary.verdict().label())
                .append("</span> <code>")
                .append(esc(summary.invariant()))
                .append("</code> invariant</h2>");
        t.append("<p class=\"reason\">").append(esc(summary.description())).append("</p>");
        t.append("<dl class=\"facts\">");
        fact(t, "Client", esc(report.client()));
        fact(t, "Checked on", report.results().size() + (report.results().size() == 1 ? " case" : " cases"));
        t.append("</dl>");
        if (summary.cases().isEmpty()) {
            t.append("<p class=\"findings none\">It held on every case's transcript.</p>");
        } else {
            t.append("<h3>Where it did not hold</h3><ul class=\"findings\">");
            summary.cases().forEach((id, finding) -> {
                t.append("<li><span class=\"badge ")
                        .append(css(finding.verdict()))
                        .append("\">")
                        .append(finding.verdict().label())
                        .append("</span> <code>")
                        .append(esc(id))
                        .append("</code> ")
                        .append(esc(finding.reason()));
                lines(t, "finding-lines", finding.evidence());
                t.append("</li>");
            });
            t.append("</ul>");
        }
        t.append("</article></template>\n");
    }

    private static void fact(StringBuilder out, String name, String escapedValue) {
        out.append("<dt>").append(name).append("</dt><dd>").append(escapedValue).append("</dd>");
    }

    /** Lines in a {@code <pre>}, one span each, classed by who sent them when they are transcript lines. */
    private static void lines(StringBuilder out, String cssClass, List<String> lines) {
        if (lines.isEmpty()) {
            out.append("<p class=\"").append(cssClass).append(" none\">None.</p>");
            return;
        }
        out.append("<pre class=\"").append(cssClass).append("\">");
        for (String line : lines) {
            Matcher matcher = TRANSCRIPT_LINE.matcher(line);
            String who = !matcher.find()
                    ? ""
                    : switch (matcher.group(1)) {
                        case "C:" -> " c";
                        case "S:" -> " s";
                        default -> " ev";
                    };
            out.append("<span class=\"ln")
                    .append(who)
                    .append("\">")
                    .append(esc(line))
                    .append("</span>\n");
        }
        out.append("</pre>");
    }

    /** Every case of every report, once, in phase order and otherwise as the reports list them. */
    private static List<ConformanceCase> unionOfCases(List<ConformanceReport> reports) {
        Map<String, ConformanceCase> cases = new LinkedHashMap<>();
        reports.forEach(
                report -> report.results().forEach(result -> cases.putIfAbsent(result.id(), result.conformanceCase())));
        List<ConformanceCase> ordered = new ArrayList<>(cases.values());
        ordered.sort(Comparator.comparing(ConformanceCase::phase));
        return ordered;
    }

    private static String css(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "v-pass";
            case FAIL -> "v-fail";
            case WARN -> "v-warn";
            case INFO -> "v-info";
            case NOT_APPLICABLE -> "v-na";
        };
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String esc(String text) {
        return Markup.html(text);
    }

    private static String resource(String name) {
        try (InputStream in =
                Objects.requireNonNull(HtmlReport.class.getResourceAsStream(name), () -> "missing resource " + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
