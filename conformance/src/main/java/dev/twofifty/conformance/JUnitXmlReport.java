package dev.twofifty.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JUnit XML form of one or more reports, {@code junit.xml}, for CI servers that show test results
 * (Jenkins, GitLab, GitHub Actions reporters): one {@code <testsuite>} per client and one
 * {@code <testcase>} per catalogue case.
 *
 * <ul>
 *   <li>FAIL: a {@code <failure>} whose {@code message} is the reason and whose text is the reason, level,
 *       RFC sections, evidence, broken invariants and the full transcript;
 *   <li>N/A: {@code <skipped>} with the reason;
 *   <li>WARN and INFO: passed test cases with the verdict, reason and evidence as {@code <system-out>} lines;
 *   <li>invariants that did not hold on a case's transcript: {@code <system-out>} lines of that case (they do
 *       not change the case's verdict); the suite's {@code <system-out>} summarises the ten invariants.
 * </ul>
 *
 * <p>Test case names are {@code ID title}; class names are {@code conformance.<client>.<phase>}, so CI
 * servers group the cases by client and phase. All text is escaped (see {@link Markup}).
 */
public final class JUnitXmlReport {

    /** The file name {@link #write} uses. */
    public static final String FILE_NAME = "junit.xml";

    /** The {@code timestamp} attribute: ISO 8601 in UTC without a zone, as the Ant JUnit schema has it. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private JUnitXmlReport() {}

    /** One client's report as JUnit XML. */
    public static String toXml(ConformanceReport report) {
        return toXml(List.of(report));
    }

    /** Several clients' reports as JUnit XML: one test suite each, in the given order. */
    public static String toXml(List<ConformanceReport> reports) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        Duration time = Duration.ZERO;
        for (ConformanceReport report : reports) {
            Map<Verdict, Integer> counts = report.counts();
            tests += report.results().size();
            failures += counts.get(Verdict.FAIL);
            skipped += counts.get(Verdict.NOT_APPLICABLE);
            time = time.plus(report.elapsed());
        }
        xml.append("<testsuites name=\"TwoFifty conformance\"")
                .append(attribute("tests", tests))
                .append(attribute("failures", failures))
                .append(attribute("errors", 0))
                .append(attribute("skipped", skipped))
                .append(attribute("time", seconds(time)))
                .append(">\n");
        for (ConformanceReport report : reports) {
            appendSuite(xml, report);
        }
        return xml.append("</testsuites>\n").toString();
    }

    /** Writes {@code junit.xml} for one report into a directory (created if needed); returns the file. */
    public static Path write(ConformanceReport report, Path directory) {
        return write(List.of(report), directory);
    }

    /** Writes {@code junit.xml} for several reports into a directory (created if needed); returns the file. */
    public static Path write(List<ConformanceReport> reports, Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            Files.writeString(file, toXml(reports), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JUnit XML report to " + directory, e);
        }
    }

    private static void appendSuite(StringBuilder xml, ConformanceReport report) {
        Map<Verdict, Integer> counts = report.counts();
        xml.append("  <testsuite")
                .append(attribute("name", report.client()))
                .append(attribute("tests", report.results().size()))
                .append(attribute("failures", counts.get(Verdict.FAIL)))
                .append(attribute("errors", 0))
                .append(attribute("skipped", counts.get(Verdict.NOT_APPLICABLE)))
                .append(attribute("time", seconds(report.elapsed())))
                .append(attribute(
                        "timestamp", TIMESTAMP.format(LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC))))
                .append(">\n");
        xml.append("    <properties>\n");
        property(xml, "client", report.client());
        counts.forEach((verdict, count) -> property(xml, "verdicts." + verdict.label(), String.valueOf(count)));
        List<ConformanceReport.InvariantSummary> invariants = report.invariants();
        invariants.forEach(summary -> property(
                xml, "invariants." + summary.invariant(), summary.verdict().label()));
        xml.append("    </properties>\n");
        String classPrefix = "conformance." + slug(report.client()) + ".";
        for (CaseResult result : report.results()) {
            appendCase(xml, classPrefix, result);
        }
        StringBuilder summary = new StringBuilder("Invariants, checked on every case's transcript:\n");
        for (ConformanceReport.InvariantSummary invariant : invariants) {
            summary.append(invariant.verdict().label())
                    .append(' ')
                    .append(invariant.invariant())
                    .append(": ")
                    .append(invariant.description());
            if (!invariant.cases().isEmpty()) {
                summary.append(" (did not hold in ")
                        .append(String.join(", ", invariant.cases().keySet()))
                        .append(')');
            }
            summary.append('\n');
        }
        xml.append("    <system-out>")
                .append(Markup.xmlText(summary.toString()))
                .append("</system-out>\n");
        xml.append("  </testsuite>\n");
    }

    private static void appendCase(StringBuilder xml, String classPrefix, CaseResult result) {
        ConformanceCase conformanceCase = result.conformanceCase();
        xml.append("    <testcase")
                .append(attribute("name", conformanceCase.id() + " " + conformanceCase.title()))
                .append(attribute(
                        "classname",
                        classPrefix + conformanceCase.phase().name().toLowerCase(Locale.ROOT)))
                .append(attribute("time", seconds(result.elapsed())));
        String reason = result.judgement().reason();
        switch (result.verdict()) {
            case FAIL -> {
                xml.append(">\n      <failure")
                        .append(attribute("message", reason))
                        .append(attribute("type", conformanceCase.level().name()))
                        .append('>')
                        .append(Markup.xmlText(ConformanceTests.describe(result) + transcript(result)))
                        .append("</failure>\n    </testcase>\n");
            }
            case NOT_APPLICABLE ->
                xml.append(">\n      <skipped")
                        .append(attribute("message", reason))
                        .append("/>\n    </testcase>\n");
            case WARN, INFO ->
                xml.append(">\n      <system-out>")
                        .append(Markup.xmlText(ConformanceTests.describe(result) + "\n"))
                        .append("</system-out>\n    </testcase>\n");
            case PASS -> {
                if (result.findings().isEmpty()) {
                    xml.append("/>\n");
                } else {
                    xml.append(">\n      <system-out>")
                            .append(Markup.xmlText(ConformanceTests.describe(result) + "\n"))
                            .append("</system-out>\n    </testcase>\n");
                }
            }
        }
    }

    private static String transcript(CaseResult result) {
        if (result.transcript().isEmpty()) {
            return "";
        }
        return "\n\nTranscript:\n" + String.join("\n", result.transcript());
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("      <property")
                .append(attribute("name", name))
                .append(attribute("value", value))
                .append("/>\n");
    }

    private static String attribute(String name, Object value) {
        return " " + name + "=\"" + Markup.xmlAttribute(String.valueOf(value)) + "\"";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /** A client name as a class-name segment: lower case, runs of other characters as one hyphen. */
    static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "client" : slug;
    }
}
