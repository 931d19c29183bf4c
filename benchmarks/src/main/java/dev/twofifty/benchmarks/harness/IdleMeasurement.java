package dev.twofifty.benchmarks.harness;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Memory and threads of a fresh server holding idle connections: measured with none, with the small
 * number and with the large number open, per connection against the first measurement.
 */
final class IdleMeasurement {

    /** Sessions opened and quit before the baseline, so that it includes the session code's first use. */
    private static final int WARM_UP_SESSIONS = 10;

    private final Scale scale;
    private final ServerLauncher launcher;
    private final Results results;
    private final Progress progress;

    IdleMeasurement(Scale scale, ServerLauncher launcher, Results results, Progress progress) {
        this.scale = scale;
        this.launcher = launcher;
        this.results = results;
        this.progress = progress;
    }

    /**
     * What the process looked like at one moment.
     *
     * @param heapBytes heap in use after a full collection (Java servers)
     * @param rssKib resident memory
     * @param osThreads all threads of the process
     * @param javaThreads live Java threads (Java servers)
     */
    record Snapshot(OptionalLong heapBytes, long rssKib, int osThreads, OptionalInt javaThreads) {

        static Snapshot of(ServerProcess server) throws IOException {
            // The heap first: its full collection must not run between the other two readings.
            OptionalLong heap = server.heapUsedAfterGc();
            OptionalInt javaThreads = server.javaThreads();
            ProcStatus status = ProcStatus.of(server.pid());
            return new Snapshot(heap, status.rssKib(), status.threads(), javaThreads);
        }
    }

    void run(ServerKind server, int repetition) throws IOException, MessagingException {
        try (ServerProcess process = launcher.start(server, "idle", repetition);
                IdleConnections connections = new IdleConnections(process.port())) {
            connections.warmUp(WARM_UP_SESSIONS);
            Snapshot none = Snapshot.of(process);
            connections.openUpTo(scale.idleSmall());
            Snapshot small = Snapshot.of(process);
            progress.detail("%,d idle connections open", connections.size());
            connections.openUpTo(scale.idleLarge());
            Snapshot large = Snapshot.of(process);
            progress.detail("%,d idle connections open", connections.size());
            List<String> lost = connections.probe();
            if (!lost.isEmpty()) {
                results.problem(
                        server,
                        repetition,
                        lost.size() + " of " + connections.size()
                                + " idle connections no longer answered NOOP after the measurement, first: "
                                + lost.get(0),
                        Figure.HEAP_LARGE,
                        Figure.RSS_LARGE,
                        Figure.JAVA_THREADS_LARGE,
                        Figure.OS_THREADS_LARGE);
            }
            record(server, repetition, none, small, large);
            connections.close();
            checkStillServes(process, repetition);
        }
    }

    private void record(ServerKind server, int repetition, Snapshot none, Snapshot small, Snapshot large) {
        results.record(Figure.OS_THREADS_NONE, server, repetition, none.osThreads());
        results.record(Figure.OS_THREADS_SMALL, server, repetition, small.osThreads());
        results.record(Figure.OS_THREADS_LARGE, server, repetition, large.osThreads());
        results.record(
                Figure.RSS_SMALL, server, repetition, (small.rssKib() - none.rssKib()) / (double) scale.idleSmall());
        results.record(
                Figure.RSS_LARGE, server, repetition, (large.rssKib() - none.rssKib()) / (double) scale.idleLarge());
        if (server.isJava()) {
            results.record(
                    Figure.JAVA_THREADS_NONE,
                    server,
                    repetition,
                    none.javaThreads().orElseThrow());
            results.record(
                    Figure.JAVA_THREADS_SMALL,
                    server,
                    repetition,
                    small.javaThreads().orElseThrow());
            results.record(
                    Figure.JAVA_THREADS_LARGE,
                    server,
                    repetition,
                    large.javaThreads().orElseThrow());
            results.record(Figure.HEAP_SMALL, server, repetition, perConnectionKib(none, small, scale.idleSmall()));
            results.record(Figure.HEAP_LARGE, server, repetition, perConnectionKib(none, large, scale.idleLarge()));
        }
    }

    private static double perConnectionKib(Snapshot none, Snapshot open, int connections) {
        return (open.heapBytes().orElseThrow() - none.heapBytes().orElseThrow()) / 1024.0 / connections;
    }

    /** After all idle connections closed, one message must still be accepted and stored. */
    private void checkStillServes(ServerProcess process, int repetition) throws IOException {
        process.clearStore();
        try {
            new AngusLatency(process.port()).sendOne();
        } catch (MessagingException e) {
            results.problem(
                    process.kind(), repetition, "no longer accepted a message after the idle connections closed: " + e);
            return;
        }
        long stored = process.storedMessages(1);
        if (stored != 1) {
            results.countMismatch(
                    process.kind(),
                    repetition,
                    "stored " + stored + " messages after the idle connections closed, expected 1");
        }
    }
}
