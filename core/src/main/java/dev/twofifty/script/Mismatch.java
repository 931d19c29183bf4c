package dev.twofifty.script;

import java.util.Objects;

/**
 * Why one part of a rule did not match a step: which field, what the rule expected and what arrived.
 *
 * @param field what was compared, for example {@code domain of recipient} or {@code scenario "retry" state}
 * @param expected what the rule expected
 * @param actual what the step had
 */
public record Mismatch(String field, String expected, String actual) {

    public Mismatch {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    @Override
    public String toString() {
        return field + ": expected " + expected + " but was " + actual;
    }
}
