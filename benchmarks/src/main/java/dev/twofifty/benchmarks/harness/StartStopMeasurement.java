package dev.twofifty.benchmarks.harness;

import dev.twofifty.benchmarks.StartStopBenchmark;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH {@link StartStopBenchmark} for one Java server, in one fork with the servers' JVM options;
 * its median is the figure.
 */
final class StartStopMeasurement {

    private final Scale.Jmh settings;
    private final List<String> jvmOptions;
    private final Results results;
    private final Progress progress;

    StartStopMeasurement(Scale.Jmh settings, List<String> jvmOptions, Results results, Progress progress) {
        this.settings = settings;
        this.jvmOptions = jvmOptions;
        this.results = results;
        this.progress = progress;
    }

    /** How long to wait for another JMH run on the machine to finish before giving up. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(15);

    /** Another run can take the lock between the wait and JMH's own attempt; then wait again. */
    private static final int LOCK_ATTEMPTS = 3;

    void run(ServerKind server, int repetition) throws RunnerException, IOException {
        Options options = new OptionsBuilder()
                .include(Pattern.quote(StartStopBenchmark.class.getName()) + "\\.startGreetStop$")
                .param("server", server.id())
                .forks(1)
                .warmupIterations(settings.warmUpIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmUpTime().toMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.time().toMillis()))
                .jvmArgs(jvmOptions.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = runWhenLockFree(options);
        if (runs.isEmpty()) {
            throw new RunnerException("JMH ran nothing for " + server.id());
        }
        double medianMicros =
                runs.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
        results.record(Figure.START_STOP, server, repetition, medianMicros);
        progress.detail("start + greeting + stop: %.0f µs median", medianMicros);
    }

    private Collection<RunResult> runWhenLockFree(Options options) throws RunnerException, IOException {
        for (int attempt = 1; ; attempt++) {
            Duration waited = JmhLock.awaitFree(LOCK_TIMEOUT);
            if (waited.toSeconds() >= 1) {
                progress.detail("waited %d s for another JMH run on this machine to finish", waited.toSeconds());
            }
            try {
                return new Runner(options).run();
            } catch (RunnerException e) {
                boolean lockTaken = String.valueOf(e.getMessage()).contains("JMH lock");
                if (!lockTaken || attempt == LOCK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
