package dev.twofifty.internal.engine;

import java.time.Duration;

/**
 * What a session needs from the network, and nothing more: the engine is written against this
 * interface so that it can be driven without sockets. Every method is called on the session's own
 * thread, and {@link #schedule} runs its task on that thread too.
 */
public interface Transport {

    /** Queues bytes for sending; nothing leaves before {@link #flush()}. */
    void write(byte[] bytes);

    /** Sends everything queued. */
    void flush();

    /** Flushes what is queued, then closes the connection normally (FIN). */
    void close();

    /** Drops what is queued and resets the connection (RST). */
    void reset();

    /**
     * Whether the connection takes more output now: {@code false} once the replies queued for a
     * client that does not read them pass a bound. The session then handles no more commands until
     * it is told the connection is writable again ({@link SmtpSession#onWritabilityChanged}).
     */
    boolean isWritable();

    /** Starts or stops reading from the connection; while stopped, the client's writes back up. */
    void setReading(boolean reading);

    /** Runs a task on the session's thread after a delay; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs a task on the session's thread: at once when called from it, otherwise as soon as possible. */
    void execute(Runnable task);

    /**
     * Puts TLS in front of the session: everything queued so far (the {@code 220} to STARTTLS) still
     * goes out in plaintext on the next flush; everything read afterwards is decrypted.
     */
    void startTls();

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
