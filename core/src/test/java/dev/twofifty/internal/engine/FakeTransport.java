package dev.twofifty.internal.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Transport} without a network: it records every call in order, keeps what was written
 * until it is flushed, and runs scheduled tasks on a manual clock ({@link #advance}). Single-threaded,
 * like the event loop it stands in for.
 */
final class FakeTransport implements Transport {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<byte[]> flushes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private long nowNanos;
    private long sequence;
    private int flushesTaken;
    private boolean closed;
    private boolean reset;
    private boolean reading = true;
    private int tlsStarts;
    private long writeBudget = Long.MAX_VALUE;
    private long writtenSinceDrain;

    private final class Scheduled implements Cancellable {
        final long dueNanos;
        final long order;
        final Runnable task;

        Scheduled(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            scheduled.remove(this);
        }
    }

    @Override
    public void write(byte[] bytes) {
        if (closed) {
            events.add("write after close");
            return;
        }
        pending.writeBytes(bytes);
        writtenSinceDrain += bytes.length;
        events.add("write " + new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        events.add("flush");
        moveToFlushed();
    }

    @Override
    public void close() {
        moveToFlushed();
        closed = true;
        events.add("close");
    }

    @Override
    public void reset() {
        pending.reset();
        closed = true;
        reset = true;
        events.add("reset");
    }

    /** Writable until this many octets were written since the last {@link #drain}: a client that reads slowly. */
    @Override
    public boolean isWritable() {
        return writtenSinceDrain < writeBudget;
    }

    /** How many octets the client takes between two {@link #drain}s; unlimited by default. */
    void writeBudget(long octets) {
        this.writeBudget = octets;
    }

    /** The client took what was written: the connection is writable again. */
    void drain() {
        writtenSinceDrain = 0;
    }

    @Override
    public void setReading(boolean reading) {
        this.reading = reading;
        events.add("reading " + reading);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Scheduled entry = new Scheduled(nowNanos + delay.toNanos(), sequence++, task);
        scheduled.add(entry);
        return entry;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void startTls() {
        tlsStarts++;
        events.add("startTls");
    }

    /** Moves the manual clock forward, running the tasks that fall due on the way, in order. */
    void advance(Duration duration) {
        long target = nowNanos + duration.toNanos();
        while (true) {
            Scheduled next = scheduled.stream()
                    .filter(entry -> entry.dueNanos <= target)
                    .min(Comparator.comparingLong((Scheduled entry) -> entry.dueNanos)
                            .thenComparingLong(entry -> entry.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            scheduled.remove(next);
            nowNanos = next.dueNanos;
            next.task.run();
        }
        nowNanos = target;
    }

    /** The flushes since the last call, each as the text that left in it. */
    List<String> takeFlushes() {
        List<String> taken = new ArrayList<>();
        for (int i = flushesTaken; i < flushes.size(); i++) {
            taken.add(new String(flushes.get(i), StandardCharsets.UTF_8));
        }
        flushesTaken = flushes.size();
        return taken;
    }

    /** Everything written and not flushed yet. */
    String unflushed() {
        return pending.toString(StandardCharsets.UTF_8);
    }

    /** Every call so far, in order: {@code write <text>}, {@code flush}, {@code startTls}, {@code close}, ... */
    List<String> events() {
        return List.copyOf(events);
    }

    int scheduledTasks() {
        return scheduled.size();
    }

    boolean closed() {
        return closed;
    }

    boolean wasReset() {
        return reset;
    }

    boolean reading() {
        return reading;
    }

    int tlsStarts() {
        return tlsStarts;
    }

    private void moveToFlushed() {
        if (pending.size() > 0) {
            flushes.add(pending.toByteArray());
            pending.reset();
        }
    }
}
