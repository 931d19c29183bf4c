package dev.twofifty.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a {@link Matcher} on a step: whether it matched, and if not, why, with a distance
 * used to rank near misses.
 *
 * @param matched whether the matcher matched
 * @param mismatches why it did not; empty when it matched
 * @param checks how many elementary checks were made
 * @param failedChecks how many of them failed
 */
public record MatchResult(boolean matched, List<Mismatch> mismatches, int checks, int failedChecks) {

    private static final MatchResult MATCH = new MatchResult(true, List.of(), 1, 0);

    public MatchResult {
        mismatches = List.copyOf(mismatches);
    }

    /** An elementary check that passed. */
    public static MatchResult match() {
        return MATCH;
    }

    /** An elementary check that failed for this reason. */
    public static MatchResult mismatch(String field, String expected, String actual) {
        return new MatchResult(false, List.of(new Mismatch(field, expected, actual)), 1, 1);
    }

    /** An elementary check: a match when {@code condition} holds, otherwise the given mismatch. */
    public static MatchResult check(boolean condition, String field, String expected, String actual) {
        return condition ? MATCH : mismatch(field, expected, actual);
    }

    /** How far from a match, from 0 (matched) to 1 (every check failed). */
    public double distance() {
        return checks == 0 ? 0 : (double) failedChecks / checks;
    }

    /** Combines results that must all match. */
    static MatchResult all(List<MatchResult> results) {
        boolean matched = true;
        List<Mismatch> mismatches = new ArrayList<>();
        int checks = 0;
        int failed = 0;
        for (MatchResult result : results) {
            matched &= result.matched;
            mismatches.addAll(result.mismatches);
            checks += result.checks;
            failed += result.failedChecks;
        }
        return new MatchResult(matched, mismatches, checks, failed);
    }
}
