package dev.twofifty.soak;

import dev.twofifty.testing.RawSmtpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The soak test's well-behaved client: one transaction per connection, one after the other, until
 * stopped; it keeps the message ids the server acknowledged with 250, and any failure.
 */
final class WellBehavedClient implements Runnable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean stopped;
    private volatile int completed;
    private volatile long slowestNanos;
    private volatile long slowestGreetingNanos;
    private volatile long slowestStepNanos;
    private volatile String slowestStep = "none";
    private final List<Long> durations = new ArrayList<>();
    private int sequence;

    WellBehavedClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                transaction();
            } catch (RuntimeException | AssertionError e) {
                synchronized (failures) {
                    failures.add(e.toString());
                }
                if (failures.size() > 20) {
                    return;
                }
            }
        }
    }

    /** One message on a new connection; throws when the server does not answer as it must. */
    void transaction() {
        long start = System.nanoTime();
        String id = "well-" + sequence++;
        long[] step = {start};
        try (RawSmtpClient client = RawSmtpClient.connect(host, port, TIMEOUT)) {
            expect(client.reply(), "220 ");
            slowestGreetingNanos = Math.max(slowestGreetingNanos, System.nanoTime() - start);
            timed("greeting", step);
            expect(client.command("EHLO well-behaved.example"), "250 ");
            timed("EHLO", step);
            expect(client.command("MAIL FROM:<well@soak.example>"), "250 ");
            timed("MAIL", step);
            expect(client.command("RCPT TO:<" + id + "@rcpt.soak.example>"), "250 ");
            timed("RCPT", step);
            expect(client.command("DATA"), "354 ");
            timed("DATA", step);
            client.sendRaw(SoakMessages.dotStuffed(SoakMessages.content(id)));
            String queued = expect(client.command("."), "250 ");
            timed("end of data", step);
            acknowledged.put(SoakMessages.queuedId(queued), id);
            expect(client.command("QUIT"), "221 ");
            timed("QUIT", step);
        }
        completed++;
        long took = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, took);
        synchronized (durations) {
            durations.add(took);
        }
    }

    /** The slowest single step so far and how long it took. */
    String slowestStep() {
        return slowestStep + " " + slowestStepNanos / 1_000_000 + " ms";
    }

    private void timed(String name, long[] since) {
        long now = System.nanoTime();
        if (now - since[0] > slowestStepNanos) {
            slowestStepNanos = now - since[0];
            slowestStep = name;
        }
        since[0] = now;
    }

    void stop() {
        stopped = true;
    }

    Map<Long, String> acknowledged() {
        return acknowledged;
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    int completed() {
        return completed;
    }

    /** The given percentile (0 to 100) of the transaction durations, in milliseconds. */
    double percentileMillis(double percentile) {
        synchronized (durations) {
            if (durations.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(durations);
            java.util.Collections.sort(sorted);
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(percentile / 100 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }

    /** How many transactions took longer than this. */
    long slowerThan(Duration limit) {
        synchronized (durations) {
            return durations.stream().filter(took -> took > limit.toNanos()).count();
        }
    }

    /** Forgets the durations so far (those of the warm-up). */
    void resetDurations() {
        synchronized (durations) {
            durations.clear();
        }
        slowestNanos = 0;
        slowestGreetingNanos = 0;
        slowestStepNanos = 0;
    }

    /** The longest wait from connecting to the greeting, in milliseconds. */
    long slowestGreetingMillis() {
        return slowestGreetingNanos / 1_000_000;
    }

    long slowestMillis() {
        return slowestNanos / 1_000_000;
    }

    private static String expect(String reply, String prefix) {
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IllegalStateException("expected " + prefix.trim() + " but got " + reply);
        }
        return reply;
    }
}
