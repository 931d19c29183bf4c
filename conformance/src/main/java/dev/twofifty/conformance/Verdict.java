package dev.twofifty.conformance;

/** The result of one case (or one invariant) for one client. */
public enum Verdict {
    /** The client did what the RFCs require. */
    PASS,
    /** The client broke a MUST. */
    FAIL,
    /** The client broke a SHOULD, or a robustness or security practice. */
    WARN,
    /** A policy choice, recorded. */
    INFO,
    /** A precondition was not met, for example the client has no STARTTLS support. */
    NOT_APPLICABLE;

    /** How the verdict is written in reports: {@code PASS}, {@code FAIL}, {@code WARN}, {@code INFO}, {@code N/A}. */
    public String label() {
        return this == NOT_APPLICABLE ? "N/A" : name();
    }

    /** The worse of two verdicts: FAIL, then WARN, then INFO, then PASS; N/A only when both are. */
    public Verdict worst(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case NOT_APPLICABLE -> 0;
            case PASS -> 1;
            case INFO -> 2;
            case WARN -> 3;
            case FAIL -> 4;
        };
    }
}
