package dev.twofifty.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one conformance run of one client: a verdict per case with its evidence, and the
 * cross-cutting invariants summarised over all cases.
 *
 * @param client the client's name
 * @param results the case results, in catalogue order
 * @param startedAt when the run started
 * @param elapsed how long it took
 */
public record ConformanceReport(String client, List<CaseResult> results, Instant startedAt, Duration elapsed) {

    public ConformanceReport {
        Objects.requireNonNull(client, "client");
        results = List.copyOf(results);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * One invariant over the whole run.
     *
     * @param invariant the id, for example {@code INV-05}
     * @param description what it requires
     * @param verdict the worst verdict over all cases, PASS when it always held
     * @param cases the cases where it did not hold, with the finding
     */
    public record InvariantSummary(String invariant, String description, Verdict verdict, Map<String, Finding> cases) {}

    /** How many cases got each verdict. */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, 0);
        }
        results.forEach(result -> counts.merge(result.verdict(), 1, Integer::sum));
        return counts;
    }

    /** The result of a case by id. */
    public Optional<CaseResult> result(String id) {
        return results.stream().filter(result -> result.id().equals(id)).findFirst();
    }

    /** The ten invariants, each with its worst verdict over the run and where it broke. */
    public List<InvariantSummary> invariants() {
        List<InvariantSummary> summaries = new ArrayList<>();
        for (String invariant : Invariants.ALL.keySet().stream().sorted().toList()) {
            Map<String, Finding> cases = new LinkedHashMap<>();
            Verdict worst = Verdict.PASS;
            for (CaseResult result : results) {
                for (Finding finding : result.findings()) {
                    if (finding.invariant().equals(invariant)) {
                        cases.putIfAbsent(result.id(), finding);
                        worst = worst.worst(finding.verdict());
                    }
                }
            }
            summaries.add(new InvariantSummary(invariant, Invariants.ALL.get(invariant), worst, cases));
        }
        return summaries;
    }
}
