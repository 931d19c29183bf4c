package dev.twofifty.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.testing.NettyLeakCheck;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak test (Maven profile {@code soak}: {@code mvn -B -Psoak verify -pl core}; see
 * docs/robustness.md). A separate process ({@link SoakClients}) opens 10,000 connections and keeps
 * them open while it runs slowloris clients, resets in the middle of DATA and BDAT, TLS garbage on
 * the implicit-TLS port and after STARTTLS, pipelined floods (read and unread), random octets and
 * pipelined transactions; meanwhile a well-behaved client here keeps completing transactions. At
 * the end: the heap after GC is bounded (and back to its start once the journal is cleared), the
 * thread count did not grow with the connections, Netty reported no leak (paranoid detection),
 * every idle connection still answers, and every message acknowledged with 250 is in the journal,
 * byte for byte.
 *
 * <p>System properties (defaults in brackets): {@code twofifty.soak.idle} [10000],
 * {@code twofifty.soak.slowloris} [200], {@code twofifty.soak.seconds} [45],
 * {@code twofifty.soak.workers} [12].
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServerSoak {

    private static final int IDLE = Integer.getInteger("twofifty.soak.idle", 10_000);
    private static final int SLOWLORIS = Integer.getInteger("twofifty.soak.slowloris", 200);
    private static final int SECONDS = Integer.getInteger("twofifty.soak.seconds", 45);
    private static final int WORKERS = Integer.getInteger("twofifty.soak.workers", 12);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long MIB = 1 << 20;

    private final List<String> report = new ArrayList<>();

    @Test
    void ten_thousand_connections_and_hostile_clients_leave_the_server_serving_bounded_and_leak_free()
            throws Exception {
        ServerConfig config = ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .smtpsPort(0)
                .limits(Limits.DEFAULTS
                        .withMaxConnections(IDLE + SLOWLORIS + 4 * WORKERS + 100)
                        .withJournalCapacity(1_000_000))
                .build();
        long started = System.nanoTime();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            WellBehavedClient wellBehaved = new WellBehavedClient(smtp.host(), smtp.port());
            for (int i = 0; i < 100; i++) {
                wellBehaved.transaction(); // warms up, and starts every I/O thread
            }
            wellBehaved.resetDurations();
            NettyLeakCheck.collectReports();
            long heapAtStart = usedHeapAfterGc();
            int threadsAtStart = serverThreads();
            int ioThreadsAtStart = ioThreads();
            long directAtStart = usedDirectMemory();

            Process clients = launchClients(smtp);
            Map<Long, String> acceptedByClients = new ConcurrentHashMap<>();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = readLines(clients, acceptedByClients, lines);

            String ready = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(ready)
                    .as("the client process opened its idle connections")
                    .isEqualTo("READY " + IDLE);
            Awaitility.await().atMost(WAIT).until(() -> openSessions(smtp) >= IDLE);
            long heapWithIdle = usedHeapAfterGc();
            int threadsWithIdle = serverThreads();
            note(
                    "idle connections open: %d, heap %d MiB -> %d MiB, %.0f bytes per connection",
                    openSessions(smtp),
                    heapAtStart / MIB,
                    heapWithIdle / MIB,
                    (heapWithIdle - heapAtStart) / (double) IDLE);

            ScheduledExecutorService sampler =
                    Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "soak-sampler"));
            AtomicInteger threadPeak = new AtomicInteger();
            sampler.scheduleAtFixedRate(
                    () -> threadPeak.accumulateAndGet(serverThreads(), Math::max), 0, 250, TimeUnit.MILLISECONDS);
            Thread wellBehavedThread = new Thread(wellBehaved, "soak-well-behaved");
            wellBehavedThread.start();
            try (OutputStream go = clients.getOutputStream()) {
                go.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            }

            assertThat(clients.waitFor(SECONDS + WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the client process finished")
                    .isTrue();
            wellBehaved.stop();
            wellBehavedThread.join(WAIT.toMillis());
            reader.join(WAIT.toMillis());
            sampler.shutdownNow();
            List<String> output = new ArrayList<>();
            lines.drainTo(output);
            output.forEach(line -> note("client process: %s", line));
            assertThat(output).as("the client process's failures").noneMatch(line -> line.startsWith("FAIL "));
            assertThat(clients.exitValue())
                    .as("the client process's exit status")
                    .isZero();

            int sessions = smtp.journal().sessions().size();
            smtp.journal().awaitEndedSessions(sessions, WAIT);
            long heapAtEnd = usedHeapAfterGc();
            int threadsAtEnd = serverThreads();
            List<String> leaks = NettyLeakCheck.collectReports();
            note(
                    "sessions: %d, all ended; messages journaled: %d",
                    sessions, smtp.journal().messageCount());
            note(
                    "well-behaved client: %d transactions (a connection each), median %.1f ms, 99th percentile %.1f ms,"
                            + " slowest %d ms (slowest step: %s), over a second %d, failures %s",
                    wellBehaved.completed(),
                    wellBehaved.percentileMillis(50),
                    wellBehaved.percentileMillis(99),
                    wellBehaved.slowestMillis(),
                    wellBehaved.slowestStep(),
                    wellBehaved.slowerThan(Duration.ofSeconds(1)),
                    wellBehaved.failures());
            note(
                    "heap after GC: start %d MiB, with %d idle connections %d MiB, end (journal full) %d MiB",
                    heapAtStart / MIB, IDLE, heapWithIdle / MIB, heapAtEnd / MIB);
            note(
                    "threads (without the test's own): start %d, with idle connections %d, peak %d, end %d;"
                            + " I/O threads %d -> %d",
                    threadsAtStart, threadsWithIdle, threadPeak.get(), threadsAtEnd, ioThreadsAtStart, ioThreads());
            note(
                    "Netty direct memory in use: start %d KiB, end %d KiB; leak reports: %d",
                    directAtStart / 1024, usedDirectMemory() / 1024, leaks.size());

            assertThat(leaks).as("Netty leak reports").isEmpty();
            assertThat(wellBehaved.failures())
                    .as("the well-behaved client's failures")
                    .isEmpty();
            assertThat(wellBehaved.completed())
                    .as("transactions completed meanwhile")
                    .isGreaterThan(SECONDS);
            assertThat(ioThreads()).as("I/O threads").isEqualTo(ioThreadsAtStart);
            assertThat(Math.max(threadPeak.get(), Math.max(threadsWithIdle, threadsAtEnd)))
                    .as("threads never grow with connections")
                    .isLessThanOrEqualTo(threadsAtStart + 6);
            assertThat((heapWithIdle - heapAtStart) / IDLE)
                    .as("heap per idle connection, in bytes")
                    .isLessThanOrEqualTo(8 * 1024);
            assertThat(heapAtEnd - heapAtStart)
                    .as("heap held by the journal of every session and message")
                    .isLessThan(512 * MIB);
            assertZeroLoss(smtp, wellBehaved.acknowledged(), "well-behaved");
            assertZeroLoss(smtp, acceptedByClients, "client process");
            assertThat(smtp.messages())
                    .as("nothing of a connection reset in mid-content is journaled")
                    .noneMatch(message -> message.rawText().contains("X-Soak-Id: never-"));

            smtp.reset();
            long heapAfterReset = usedHeapAfterGc();
            note(
                    "heap after clearing the journal: %d MiB (start %d MiB); soak took %d s",
                    heapAfterReset / MIB,
                    heapAtStart / MIB,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            assertThat(heapAfterReset - heapAtStart)
                    .as("heap kept once the journal is cleared: nothing leaks")
                    .isLessThan(32 * MIB);
        } finally {
            Files.write(Path.of("target", "soak-report.txt"), report);
        }
    }

    /** Every message acknowledged with 250 is in the journal, byte for byte. */
    private void assertZeroLoss(FakeSmtpServer smtp, Map<Long, String> acknowledged, String who) {
        assertThat(acknowledged).as("messages acknowledged to the %s", who).isNotEmpty();
        for (Map.Entry<Long, String> entry : acknowledged.entrySet()) {
            ReceivedMessage message = smtp.journal().message(entry.getKey()).orElse(null);
            assertThat(message)
                    .as("message %d (%s) acknowledged to the %s", entry.getKey(), entry.getValue(), who)
                    .isNotNull();
            assertThat(new String(message.raw(), StandardCharsets.ISO_8859_1))
                    .as("content of %s", entry.getValue())
                    .isEqualTo(new String(SoakMessages.content(entry.getValue()), StandardCharsets.ISO_8859_1));
        }
        note("zero loss: %d messages acknowledged to the %s, all journaled byte for byte", acknowledged.size(), who);
    }

    private static Process launchClients(FakeSmtpServer smtp) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                SoakClients.class.getName(),
                smtp.host(),
                String.valueOf(smtp.port()),
                String.valueOf(smtp.smtpsPort()),
                String.valueOf(IDLE),
                String.valueOf(SLOWLORIS),
                String.valueOf(SECONDS),
                String.valueOf(WORKERS));
        return new ProcessBuilder(command)
                .redirectError(Path.of("target", "soak-clients.err").toFile())
                .start();
    }

    /** Reads the client process's stdout: ACCEPTED lines into the map, the others into the queue. */
    private static Thread readLines(Process process, Map<Long, String> accepted, BlockingQueue<String> lines) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.startsWith("ACCEPTED ")) {
                                String[] words = line.split(" ");
                                accepted.put(Long.parseLong(words[2]), words[1]);
                            } else {
                                lines.add(line);
                            }
                        }
                    } catch (IOException e) {
                        lines.add("FAIL reading the client process: " + e);
                    }
                },
                "soak-reader");
        reader.start();
        return reader;
    }

    private static long openSessions(FakeSmtpServer smtp) {
        return smtp.journal().sessions().stream().filter(SessionRecord::isOpen).count();
    }

    /** The live threads, without those this test starts itself. */
    private static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("soak-"))
                .count();
    }

    private static int ioThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("twofifty-io"))
                .count();
    }

    private static long usedDirectMemory() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory()
                : -1;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
            System.gc();
            try {
                queue.remove(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sentinel.clear();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void note(String format, Object... arguments) {
        String line = String.format(format, arguments);
        report.add(line);
        System.out.println("[soak] " + line);
    }
}
