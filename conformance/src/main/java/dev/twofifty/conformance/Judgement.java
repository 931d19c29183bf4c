package dev.twofifty.conformance;

import java.util.List;
import java.util.Objects;

/**
 * An oracle's decision on one case: the verdict, why, and the evidence that decided it (transcript
 * lines and the client's outcome).
 *
 * @param verdict the verdict
 * @param reason one sentence on why
 * @param evidence the lines that decided it, for example {@code C: EHLO client.example} or {@code outcome: PERMANENT(554)}
 */
public record Judgement(Verdict verdict, String reason, List<String> evidence) {

    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        evidence = List.copyOf(evidence);
    }

    public static Judgement pass(String reason, List<String> evidence) {
        return new Judgement(Verdict.PASS, reason, evidence);
    }

    public static Judgement notApplicable(String reason) {
        return new Judgement(Verdict.NOT_APPLICABLE, reason, List.of());
    }

    public static Judgement info(String reason, List<String> evidence) {
        return new Judgement(Verdict.INFO, reason, evidence);
    }

    /**
     * The verdict for a requirement: PASS when met, otherwise the level's verdict ({@link Level#whenBroken()}).
     *
     * @param met whether the client did what is required
     * @param level how strongly it is required
     * @param ifMet the reason when met
     * @param ifBroken the reason when broken
     */
    public static Judgement require(boolean met, Level level, String ifMet, String ifBroken, List<String> evidence) {
        return met ? pass(ifMet, evidence) : new Judgement(level.whenBroken(), ifBroken, evidence);
    }

    /** The worse of two judgements; their evidence is kept when the verdicts are equal. */
    public Judgement and(Judgement other) {
        if (other.verdict.worst(verdict) != verdict) {
            return other;
        }
        if (other.verdict == verdict && verdict != Verdict.PASS) {
            List<String> both = new java.util.ArrayList<>(evidence);
            other.evidence.stream().filter(line -> !both.contains(line)).forEach(both::add);
            return new Judgement(verdict, reason + "; " + other.reason, both);
        }
        return this;
    }
}
