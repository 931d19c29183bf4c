package dev.twofifty.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one case for one client: the case's own judgement, the invariants checked on its
 * transcript, and the full transcript for the report.
 *
 * @param conformanceCase the case
 * @param judgement the case oracle's judgement
 * @param findings the invariants that did not hold on this case's transcript (those that held are not listed)
 * @param outcomes what the client reported
 * @param transcript every session's transcript as evidence lines
 * @param elapsed how long the case took
 */
public record CaseResult(
        ConformanceCase conformanceCase,
        Judgement judgement,
        List<Finding> findings,
        List<Outcome> outcomes,
        List<String> transcript,
        Duration elapsed) {

    public CaseResult {
        Objects.requireNonNull(conformanceCase, "conformanceCase");
        Objects.requireNonNull(judgement, "judgement");
        findings = List.copyOf(findings);
        outcomes = List.copyOf(outcomes);
        transcript = List.copyOf(transcript);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The case's verdict (invariants are reported on their own and do not change it). */
    public Verdict verdict() {
        return judgement.verdict();
    }

    /** The catalogue id. */
    public String id() {
        return conformanceCase.id();
    }
}
