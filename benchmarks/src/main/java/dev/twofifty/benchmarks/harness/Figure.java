package dev.twofifty.benchmarks.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One row of the results: what is measured, in which group, and for which servers. */
enum Figure {
    PARALLEL(Group.THROUGHPUT, "20 sessions, 1 KiB, connections kept open"),
    SEQUENTIAL(Group.THROUGHPUT, "1 session, sequential, connection kept open"),
    TEN_RECIPIENTS(Group.THROUGHPUT, "20 sessions, 10 recipients per message"),
    NEW_CONNECTION(Group.THROUGHPUT, "20 sessions, new connection per message"),
    START_STOP(Group.START_STOP, "start + first greeting + stop, median", true),
    SEND_NEW_MEDIAN(Group.LATENCY, "new connection, median"),
    SEND_NEW_P99(Group.LATENCY, "new connection, p99"),
    SEND_KEPT_MEDIAN(Group.LATENCY, "kept-open connection, median"),
    SEND_KEPT_P99(Group.LATENCY, "kept-open connection, p99"),
    HEAP_SMALL(Group.MEMORY, "heap per connection, {small} connections", true),
    HEAP_LARGE(Group.MEMORY, "heap per connection, {large} connections", true),
    RSS_SMALL(Group.MEMORY, "RSS per connection, {small} connections"),
    RSS_LARGE(Group.MEMORY, "RSS per connection, {large} connections"),
    JAVA_THREADS_NONE(Group.THREADS, "Java threads, no connection", true),
    JAVA_THREADS_SMALL(Group.THREADS, "Java threads, {small} connections", true),
    JAVA_THREADS_LARGE(Group.THREADS, "Java threads, {large} connections", true),
    OS_THREADS_NONE(Group.THREADS, "OS threads, no connection"),
    OS_THREADS_SMALL(Group.THREADS, "OS threads, {small} connections"),
    OS_THREADS_LARGE(Group.THREADS, "OS threads, {large} connections");

    /**
     * A table of the results: its title, unit, how its values are printed, and which way is better.
     */
    enum Group {
        THROUGHPUT("Throughput, load from smtp-source", "messages per second", "%,.0f", true),
        START_STOP("In-process start, first greeting and stop (JMH, warm)", "microseconds", "%,.0f", false),
        LATENCY("One Angus Mail send of 1 KiB", "milliseconds", "%,.2f", false),
        MEMORY("Memory per idle connection", "KiB per connection", "%,.1f", false),
        THREADS("Threads with idle connections", "threads", "%,.0f", false);

        final String title;
        final String unit;
        final String format;
        final boolean higherIsBetter;

        Group(String title, String unit, String format, boolean higherIsBetter) {
            this.title = title;
            this.unit = unit;
            this.format = format;
            this.higherIsBetter = higherIsBetter;
        }

        String format(double value) {
            return String.format(Locale.ROOT, format, value);
        }

        List<Figure> figures() {
            return Arrays.stream(Figure.values()).filter(f -> f.group == this).toList();
        }
    }

    final Group group;
    private final String label;
    private final boolean javaOnly;

    Figure(Group group, String label) {
        this(group, label, false);
    }

    Figure(Group group, String label, boolean javaOnly) {
        this.group = group;
        this.label = label;
        this.javaOnly = javaOnly;
    }

    /** The row label, with the idle-connection counts of this scale filled in. */
    String label(Scale scale) {
        return label.replace("{small}", String.format(Locale.ROOT, "%,d", scale.idleSmall()))
                .replace("{large}", String.format(Locale.ROOT, "%,d", scale.idleLarge()));
    }

    /** Whether this server can have the figure: heap, Java threads and in-process start need a JVM. */
    boolean appliesTo(ServerKind server) {
        return !javaOnly || server.isJava();
    }
}
