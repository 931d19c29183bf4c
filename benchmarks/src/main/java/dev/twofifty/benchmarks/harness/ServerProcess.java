package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A server under measurement, running in a process of its own on {@code 127.0.0.1}. */
sealed interface ServerProcess extends AutoCloseable permits JavaServerProcess, SmtpSinkProcess {

    ServerKind kind();

    int port();

    /** The operating-system process, for {@link ProcStatus}. */
    long pid();

    /**
     * The messages stored since the last {@link #clearStore()}. A server whose count is published after
     * its reply (only {@code smtp-sink}'s counter line) is given a few seconds to reach
     * {@code expected}; a count that stays different is returned as it is, for the caller to report.
     */
    long storedMessages(long expected) throws IOException;

    /** Starts a new count of stored messages. */
    void clearStore() throws IOException;

    /** Heap in use after a full collection, for the Java servers. */
    OptionalLong heapUsedAfterGc() throws IOException;

    /** Live Java threads (JVM-internal GC and compiler threads excluded), for the Java servers. */
    OptionalInt javaThreads() throws IOException;

    @Override
    void close();
}
