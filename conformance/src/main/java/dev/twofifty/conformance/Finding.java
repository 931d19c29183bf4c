package dev.twofifty.conformance;

import java.util.List;
import java.util.Objects;

/**
 * One cross-cutting invariant (INV-01 … INV-10) as checked on one case's transcript.
 *
 * @param invariant the invariant id, for example {@code INV-05}
 * @param verdict PASS when it held, otherwise the verdict of its level
 * @param reason what was checked or broken
 * @param evidence the transcript lines that broke it
 */
public record Finding(String invariant, Verdict verdict, String reason, List<String> evidence) {

    public Finding {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        evidence = List.copyOf(evidence);
    }
}
