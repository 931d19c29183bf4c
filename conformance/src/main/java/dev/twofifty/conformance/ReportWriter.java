package dev.twofifty.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes every report form into one directory: {@code report.json} ({@link JsonReport}), {@code junit.xml}
 * ({@link JUnitXmlReport}) and {@code report.html} ({@link HtmlReport}).
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.defaults().run(client, Catalogue.all());
 * ReportWriter.Written files = ReportWriter.write(report, Path.of("target/conformance"));
 * }</pre>
 */
public final class ReportWriter {

    private ReportWriter() {}

    /**
     * The files written.
     *
     * @param json {@code report.json}
     * @param junitXml {@code junit.xml}
     * @param html {@code report.html}
     */
    public record Written(Path json, Path junitXml, Path html) {
        public Written {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(junitXml, "junitXml");
            Objects.requireNonNull(html, "html");
        }

        /** The three files, JSON first. */
        public List<Path> all() {
            return List.of(json, junitXml, html);
        }
    }

    /** Writes one client's report into the directory (created if needed). */
    public static Written write(ConformanceReport report, Path directory) {
        return new Written(
                JsonReport.write(report, directory),
                JUnitXmlReport.write(report, directory),
                HtmlReport.write(report, directory));
    }

    /**
     * Writes several clients' reports into the directory (created if needed): one JSON document with a
     * {@code reports} array, one test suite per client, one matrix with a column per client.
     */
    public static Written write(List<ConformanceReport> reports, Path directory) {
        return new Written(
                JsonReport.write(reports, directory),
                JUnitXmlReport.write(reports, directory),
                HtmlReport.write(reports, directory));
    }
}
