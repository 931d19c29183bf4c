package dev.twofifty.benchmarks.peers;

/** A started SMTP server on {@code 127.0.0.1}, as the benchmarks see it: a port and a message store. */
public interface RunningServer extends AutoCloseable {

    /** The port the server listens on. */
    int port();

    /**
     * How many messages the server has stored since it started or was last cleared, counted the way the
     * server itself counts them (see {@link JavaServer} for what one message with several recipients
     * becomes).
     */
    long storedMessages();

    /** Forgets the stored messages, so that the next count starts from zero. */
    void clearStore();

    /** Stops the server. */
    @Override
    void close();
}
