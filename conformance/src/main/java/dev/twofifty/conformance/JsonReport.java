package dev.twofifty.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON form of a report, {@code report.json}:
 * {@code {"client": ..., "cases": [{"id", "title", "rfc", "level", "verdict", "evidence"}], "invariants": [...]}};
 * several reports (one per client) as {@code {"reports": [one such object per client]}}.
 */
public final class JsonReport {

    /** The file name {@link #write} uses. */
    public static final String FILE_NAME = "report.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReport() {}

    /** The report as a JSON tree. */
    public static ObjectNode toJson(ConformanceReport report) {
        ObjectNode json = NODES.objectNode();
        json.put("client", report.client());
        json.put("startedAt", report.startedAt().toString());
        json.put("elapsedMillis", report.elapsed().toMillis());
        ObjectNode counts = json.putObject("counts");
        report.counts().forEach((verdict, count) -> counts.put(verdict.label(), count));
        ArrayNode cases = json.putArray("cases");
        for (CaseResult result : report.results()) {
            ConformanceCase conformanceCase = result.conformanceCase();
            ObjectNode entry = cases.addObject();
            entry.put("id", conformanceCase.id());
            entry.put("title", conformanceCase.title());
            entry.put(
                    "phase",
                    conformanceCase.phase().section() + " "
                            + conformanceCase.phase().title());
            ArrayNode rfc = entry.putArray("rfc");
            conformanceCase.rfc().forEach(rfc::add);
            entry.put("level", conformanceCase.level().name());
            entry.put("rationale", conformanceCase.rationale());
            entry.put("verdict", result.verdict().label());
            entry.put("reason", result.judgement().reason());
            ArrayNode evidence = entry.putArray("evidence");
            result.judgement().evidence().forEach(evidence::add);
            ArrayNode outcomes = entry.putArray("outcomes");
            result.outcomes().forEach(outcome -> outcomes.add(outcome.toString()));
            ArrayNode findings = entry.putArray("invariants");
            for (Finding finding : result.findings()) {
                ObjectNode item = findings.addObject();
                item.put("id", finding.invariant());
                item.put("verdict", finding.verdict().label());
                item.put("reason", finding.reason());
                ArrayNode lines = item.putArray("evidence");
                finding.evidence().forEach(lines::add);
            }
            ArrayNode transcript = entry.putArray("transcript");
            result.transcript().forEach(transcript::add);
            entry.put("elapsedMillis", result.elapsed().toMillis());
        }
        ArrayNode invariants = json.putArray("invariants");
        for (ConformanceReport.InvariantSummary summary : report.invariants()) {
            ObjectNode item = invariants.addObject();
            item.put("id", summary.invariant());
            item.put("description", summary.description());
            item.put("verdict", summary.verdict().label());
            ArrayNode where = item.putArray("cases");
            summary.cases().keySet().forEach(where::add);
        }
        return json;
    }

    /** Several reports as {@code {"reports": [...]}}, one object per client as {@link #toJson(ConformanceReport)} makes it. */
    public static ObjectNode toJson(List<ConformanceReport> reports) {
        ObjectNode json = NODES.objectNode();
        ArrayNode array = json.putArray("reports");
        reports.forEach(report -> array.add(toJson(report)));
        return json;
    }

    /** Writes {@code report.json} for several reports into a directory (created if needed); returns the file. */
    public static Path write(List<ConformanceReport> reports, Path directory) {
        return write(toJson(reports), directory);
    }

    /** Writes {@code report.json} into a directory (created if needed); returns the file. */
    public static Path write(ConformanceReport report, Path directory) {
        return write(toJson(report), directory);
    }

    private static Path write(ObjectNode json, Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            MAPPER.writeValue(file.toFile(), json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JSON report to " + directory, e);
        }
    }
}
