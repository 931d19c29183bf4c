package dev.twofifty.benchmarks.harness;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Throughput under {@code smtp-source} and latency of Angus Mail sends, on one fresh server: each
 * workload first runs at a fraction of its size to warm the server up, then in full; every run is
 * followed by a check that the server stored exactly what was sent.
 */
final class LoadMeasurement {

    private final Scale scale;
    private final Optional<SmtpSource> smtpSource;
    private final ServerLauncher launcher;
    private final Results results;
    private final Progress progress;

    LoadMeasurement(
            Scale scale, Optional<SmtpSource> smtpSource, ServerLauncher launcher, Results results, Progress progress) {
        this.scale = scale;
        this.smtpSource = smtpSource;
        this.launcher = launcher;
        this.results = results;
        this.progress = progress;
    }

    void run(ServerKind server, int repetition) throws IOException, MessagingException {
        try (ServerProcess process = launcher.start(server, "load", repetition)) {
            if (smtpSource.isPresent()) {
                List<Workload> workloads = Workload.all(scale);
                warmUp(process, workloads, repetition);
                for (Workload workload : workloads) {
                    load(process, workload, repetition, true);
                }
            }
            sends(process, repetition);
        }
    }

    /** Rounds of every workload at the warm-up size until the scale's warm-up time has passed. */
    private void warmUp(ServerProcess process, List<Workload> workloads, int repetition) throws IOException {
        long deadline = System.nanoTime() + scale.warmUp().toNanos();
        int rounds = 0;
        do {
            for (Workload workload : workloads) {
                load(process, workload.scaledDown(scale.warmUpDivisor()), repetition, false);
            }
            rounds++;
        } while (System.nanoTime() - deadline < 0);
        progress.detail("warmed up with %d round%s of every workload", rounds, rounds == 1 ? "" : "s");
    }

    private void load(ServerProcess process, Workload workload, int repetition, boolean timed) throws IOException {
        ServerKind server = process.kind();
        process.clearStore();
        SmtpSource.Run run = smtpSource.orElseThrow().run(workload, process.port());
        if (run.exitCode() != 0) {
            results.problem(
                    server,
                    repetition,
                    (timed ? "" : "warm-up: ") + "smtp-source exited with code " + run.exitCode() + ": " + run.output(),
                    workload.figure());
            return;
        }
        long expected = server.expectedStored(workload.messages(), workload.recipients());
        long stored = process.storedMessages(expected);
        if (stored != expected) {
            results.countMismatch(
                    server,
                    repetition,
                    String.format(
                            "%sstored %,d messages, expected %,d (%,d sent with %d recipients each)",
                            timed ? "" : "warm-up: ", stored, expected, workload.messages(), workload.recipients()),
                    workload.figure());
        }
        if (timed) {
            double rate = run.perSecond(workload.messages());
            results.record(workload.figure(), server, repetition, rate);
            progress.detail("%s: %,.0f msg/s, %,d stored", workload.figure().label(scale), rate, stored);
        }
    }

    private void sends(ServerProcess process, int repetition) throws IOException, MessagingException {
        ServerKind server = process.kind();
        process.clearStore();
        AngusLatency client = new AngusLatency(process.port());
        AngusLatency.Percentiles fresh = client.newConnection(scale.sendWarmUp(), scale.sends());
        AngusLatency.Percentiles kept = client.keptOpen(scale.sendWarmUp(), scale.sends());
        results.record(Figure.SEND_NEW_MEDIAN, server, repetition, fresh.medianMillis());
        results.record(Figure.SEND_NEW_P99, server, repetition, fresh.p99Millis());
        results.record(Figure.SEND_KEPT_MEDIAN, server, repetition, kept.medianMillis());
        results.record(Figure.SEND_KEPT_P99, server, repetition, kept.p99Millis());
        long sent = 2L * (scale.sendWarmUp() + scale.sends());
        long expected = server.expectedStored(sent, 1);
        long stored = process.storedMessages(expected);
        if (stored != expected) {
            results.countMismatch(
                    server,
                    repetition,
                    String.format("stored %,d messages, expected %,d (%,d sent by Angus Mail)", stored, expected, sent),
                    Figure.SEND_NEW_MEDIAN,
                    Figure.SEND_NEW_P99,
                    Figure.SEND_KEPT_MEDIAN,
                    Figure.SEND_KEPT_P99);
        }
        progress.detail(
                "Angus Mail send: new connection %.2f ms median, kept open %.2f ms median",
                fresh.medianMillis(), kept.medianMillis());
    }
}
