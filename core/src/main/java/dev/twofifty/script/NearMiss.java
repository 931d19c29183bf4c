package dev.twofifty.script;

import java.util.List;
import java.util.Objects;

/**
 * A rule that came close to firing at a step, and why it did not: the data behind "no rule matched"
 * and "this rule never fired" reports.
 *
 * @param ruleId the id of the rule
 * @param rule the rule's description
 * @param sessionId the session of the step
 * @param step the step's description, for example {@code RCPT TO:<bob@example.org> (session 3)}
 * @param mismatches each part of the rule that did not fit, with what it expected and what arrived
 * @param distance from 0 (nearly matched) to 1 (nothing matched)
 */
public record NearMiss(
        String ruleId, String rule, long sessionId, String step, List<Mismatch> mismatches, double distance) {

    public NearMiss {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(step, "step");
        mismatches = List.copyOf(mismatches);
    }

    /** The near miss as a few readable lines. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("rule ").append(ruleId).append(' ').append(rule).append('\n');
        out.append("  at ").append(step).append('\n');
        for (Mismatch mismatch : mismatches) {
            out.append("    ").append(mismatch).append('\n');
        }
        return out.toString();
    }
}
