package dev.twofifty.script;

import java.util.List;

/**
 * A rule added to a server: its id, the rule, how often it fired, and the closest steps at which it
 * did not fire.
 */
public interface ActiveRule {

    /** The id the server gave the rule, for example {@code r3}. */
    String id();

    /** The rule as added. */
    Rule rule();

    /** How many times the rule fired, across all scopes. */
    int timesFired();

    /** The steps of the rule's trigger at which it came closest to firing but did not, closest first. */
    List<NearMiss> nearMisses();

    /** A report of a rule that never fired: what it expected and the closest steps, readable as text. */
    default String describeUnfired() {
        StringBuilder out = new StringBuilder();
        out.append("Rule ").append(id()).append(' ').append(rule().describe()).append(" never fired.");
        List<NearMiss> misses = nearMisses();
        if (misses.isEmpty()) {
            out.append(" No ").append(rule().trigger()).append(" step took place.");
        } else {
            out.append(" Closest steps:\n");
            for (NearMiss miss : misses) {
                out.append("  ").append(miss.step()).append('\n');
                miss.mismatches()
                        .forEach(mismatch -> out.append("    ").append(mismatch).append('\n'));
            }
        }
        return out.toString().stripTrailing();
    }
}
