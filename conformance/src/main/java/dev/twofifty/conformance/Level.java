package dev.twofifty.conformance;

/** How strongly the RFCs require what a case checks, which decides the verdict when it is not met. */
public enum Level {
    /** An RFC MUST or MUST NOT: breaking it is a {@link Verdict#FAIL}. */
    MUST,
    /** Follows from two or more MUST-level rules taken together: breaking it is a FAIL. */
    MUST_DERIVED,
    /** An RFC SHOULD or SHOULD NOT: breaking it is a {@link Verdict#WARN}. */
    SHOULD,
    /** An RFC MAY: recorded as {@link Verdict#INFO}. */
    MAY,
    /** The RFC leaves the choice to local policy: the choice is recorded as INFO. */
    POLICY,
    /** No normative text; robustness or security hygiene: breaking it is a WARN. */
    ROBUST;

    /** The verdict when a client does not do what this level asks. */
    public Verdict whenBroken() {
        return switch (this) {
            case MUST, MUST_DERIVED -> Verdict.FAIL;
            case SHOULD, ROBUST -> Verdict.WARN;
            case MAY, POLICY -> Verdict.INFO;
        };
    }
}
