package dev.twofifty.benchmarks.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * How much a run measures: repetitions, messages per workload, Angus Mail sends, idle connections and
 * JMH iterations.
 *
 * @param name {@code quick}, {@code full} or {@code smoke}
 * @param repetitions how often everything is repeated, the servers alternated
 * @param parallelMessages messages of the 20-session workload
 * @param sequentialMessages messages of the one-session workload
 * @param tenRecipientMessages messages of the 10-recipient workload
 * @param newConnectionMessages messages of the new-connection-per-message workload
 * @param warmUpDivisor warm-up runs use this fraction of each workload's messages, not timed
 * @param warmUp how long each server is warmed up before anything is timed: rounds of every workload at the
 *     warm-up size until this much time has passed (at least one round), so that a JVM server is measured with
 *     its hot paths compiled, as a long test run sees it
 * @param sendWarmUp untimed Angus Mail sends before each timed series
 * @param sends timed Angus Mail sends per series
 * @param idleSmall the first number of idle connections measured
 * @param idleLarge the second number of idle connections measured
 * @param jmh the JMH settings of the start/stop benchmark, or empty to leave it out
 */
record Scale(
        String name,
        int repetitions,
        int parallelMessages,
        int sequentialMessages,
        int tenRecipientMessages,
        int newConnectionMessages,
        int warmUpDivisor,
        Duration warmUp,
        int sendWarmUp,
        int sends,
        int idleSmall,
        int idleLarge,
        Optional<Jmh> jmh) {

    /**
     * Iterations of the JMH start/stop benchmark, run in one fork per server and repetition.
     *
     * @param warmUpIterations untimed iterations
     * @param warmUpTime length of each
     * @param iterations measured iterations
     * @param time length of each
     */
    record Jmh(int warmUpIterations, Duration warmUpTime, int iterations, Duration time) {}

    /** A few minutes of measuring: enough to see where TwoFifty stands, not to settle close calls. */
    static final Scale QUICK = new Scale(
            "quick",
            3,
            20_000,
            5_000,
            5_000,
            5_000,
            4,
            Duration.ofSeconds(8),
            500,
            1_000,
            1_000,
            10_000,
            Optional.of(new Jmh(2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1))));

    /** The run whose figures are published. */
    static final Scale FULL = new Scale(
            "full",
            5,
            50_000,
            10_000,
            10_000,
            10_000,
            4,
            Duration.ofSeconds(15),
            1_000,
            3_000,
            1_000,
            10_000,
            Optional.of(new Jmh(3, Duration.ofSeconds(2), 5, Duration.ofSeconds(2))));

    /** Seconds, for the build: every code path once, no meaningful figure. */
    static final Scale SMOKE = new Scale("smoke", 1, 50, 50, 50, 50, 5, Duration.ZERO, 2, 5, 5, 20, Optional.empty());

    Scale withoutJmh() {
        return new Scale(
                name,
                repetitions,
                parallelMessages,
                sequentialMessages,
                tenRecipientMessages,
                newConnectionMessages,
                warmUpDivisor,
                warmUp,
                sendWarmUp,
                sends,
                idleSmall,
                idleLarge,
                Optional.empty());
    }

    Scale withRepetitions(int count) {
        return new Scale(
                name,
                count,
                parallelMessages,
                sequentialMessages,
                tenRecipientMessages,
                newConnectionMessages,
                warmUpDivisor,
                warmUp,
                sendWarmUp,
                sends,
                idleSmall,
                idleLarge,
                jmh);
    }
}
