package dev.twofifty.conformance;

import java.time.Duration;

/**
 * Shortens time so a run takes seconds while every case keeps its meaning: the RFC's five-minute
 * timeouts become the client timeout, and every duration the catalogue names (a 60 s greeting delay, a
 * 2 s hold before the 221) shrinks by the same factor. A 60 s delay stays a fifth of the timeout.
 *
 * @param factor how much of each named duration is used, for example 0.01
 * @param clientTimeout the connect and read timeout given to clients: five minutes, scaled
 */
public record TimeScale(double factor, Duration clientTimeout) {

    /** The fast tier: a hundredth; clients time out after 3 s (five minutes scaled). */
    public static final TimeScale FAST = new TimeScale(0.01, Duration.ofSeconds(3));

    /**
     * Real time, for the slow tier: the RFC minimums as they are (cases take minutes). Cases marked
     * {@link ConformanceCase.Builder#slowTierOnly()} run only at this scale; give the runner a watchdog
     * ({@link ConformanceRunner.Builder#caseTimeout}) longer than such a case.
     */
    public static final TimeScale REAL = new TimeScale(1.0, Duration.ofMinutes(5));

    /** The shortest hold used to see whether a client waits for a reply. */
    private static final Duration MINIMUM_HOLD = Duration.ofMillis(100);

    public TimeScale {
        if (!(factor > 0) || factor > 1) {
            throw new IllegalArgumentException("The factor must be in (0, 1] but was " + factor);
        }
    }

    /** A duration named by the catalogue, scaled. */
    public Duration scaled(Duration named) {
        return Duration.ofNanos((long) (named.toNanos() * factor));
    }

    /** Milliseconds named by the catalogue, scaled. */
    public Duration millis(long named) {
        return scaled(Duration.ofMillis(named));
    }

    /**
     * A reply hold named by the catalogue (the wait that shows whether a client waits for a reply),
     * scaled but never shorter than 100 ms, so a client's early bytes still arrive inside it.
     */
    public Duration hold(long namedMillis) {
        Duration scaled = millis(namedMillis);
        return scaled.compareTo(MINIMUM_HOLD) < 0 ? MINIMUM_HOLD : scaled;
    }
}
