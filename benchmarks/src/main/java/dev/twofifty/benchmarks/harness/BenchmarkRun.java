package dev.twofifty.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One run: every repetition measures every server in turn, each repetition starting with the next
 * server, so that drift on a shared machine reaches all servers alike. A phase that fails is recorded
 * as a problem and the run goes on with the next.
 */
final class BenchmarkRun {

    /** A phase of the measurement of one server. */
    @FunctionalInterface
    private interface Phase {
        void run(ServerKind server, int repetition) throws Exception;
    }

    private final HarnessOptions options;
    private final Results results;
    private final Progress progress;

    BenchmarkRun(HarnessOptions options, Progress progress) {
        this.options = options;
        this.results = new Results(options.scale().repetitions());
        this.progress = progress;
    }

    Results run() {
        Scale scale = options.scale();
        ServerLauncher launcher = new ServerLauncher(options);
        Optional<SmtpSource> smtpSource = options.smtpSource().map(SmtpSource::new);
        if (smtpSource.isEmpty()) {
            results.note("smtp-source was not found, so the throughput figures were left out.");
        }
        if (scale.jmh().isEmpty()) {
            results.note("The JMH start/stop benchmark was left out.");
        }
        IdleMeasurement idle = new IdleMeasurement(scale, launcher, results, progress);
        LoadMeasurement load = new LoadMeasurement(scale, smtpSource, launcher, results, progress);
        Optional<StartStopMeasurement> startStop =
                scale.jmh().map(jmh -> new StartStopMeasurement(jmh, options.jvmOptions(), results, progress));
        for (int repetition = 0; repetition < scale.repetitions(); repetition++) {
            for (ServerKind server : rotated(options.servers(), repetition)) {
                guarded("idle connections", server, repetition, idle::run);
                guarded("load", server, repetition, load::run);
                if (server.isJava() && startStop.isPresent()) {
                    guarded("start/stop (JMH)", server, repetition, startStop.get()::run);
                }
            }
        }
        return results;
    }

    private void guarded(String name, ServerKind server, int repetition, Phase phase) {
        progress.step(
                "repetition %d/%d, %s: %s", repetition + 1, options.scale().repetitions(), server.displayName(), name);
        try {
            phase.run(server, repetition);
        } catch (Exception e) {
            results.problem(server, repetition, name + " failed: " + e);
            progress.detail("FAILED: %s", e);
        }
    }

    /** The servers starting with the {@code repetition}-th one. */
    static List<ServerKind> rotated(List<ServerKind> servers, int repetition) {
        List<ServerKind> order = new ArrayList<>(servers);
        Collections.rotate(order, -(repetition % servers.size()));
        return order;
    }
}
