package dev.twofifty.journal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The record of everything a fake server saw: every session with its transcript, and every accepted
 * message. Safe to read while sessions write; reads return snapshots.
 *
 * <p>The journal is bounded ({@code Limits.journalCapacity()}): the oldest messages and ended
 * sessions are evicted first and counted. Waits complete from the journal as entries arrive, without
 * polling.
 *
 * <pre>{@code
 * List<ReceivedMessage> messages = smtp.journal().awaitMessages(2, Duration.ofSeconds(5));
 * SessionRecord session = smtp.journal().sessions().get(0);
 * }</pre>
 */
public interface Journal {

    /** The accepted messages still held, oldest first. */
    List<ReceivedMessage> messages();

    /** The message with this id, if still held. */
    Optional<ReceivedMessage> message(long id);

    /** Snapshots of the sessions still held (open ones and the most recent ended ones), oldest first. */
    List<SessionRecord> sessions();

    /** A snapshot of the session with this id, if still held. */
    Optional<SessionRecord> session(long id);

    /**
     * Waits until at least {@code count} messages have been accepted since the journal was last
     * cleared, and returns the messages held.
     *
     * @throws AwaitTimeoutException when the timeout passes first; its message lists what arrived
     */
    List<ReceivedMessage> awaitMessages(int count, Duration timeout);

    /**
     * Waits until at least {@code count} sessions have ended since the journal was last cleared, and
     * returns the sessions held. Useful after a client returns from sending, before checking
     * transcripts that should include the close.
     *
     * @throws AwaitTimeoutException when the timeout passes first; its message lists the sessions
     */
    List<SessionRecord> awaitEndedSessions(int count, Duration timeout);

    /**
     * Completes when at least {@code count} messages have been accepted since the journal was last
     * cleared. The future never times out by itself; bound it with {@link CompletableFuture#orTimeout}.
     */
    CompletableFuture<List<ReceivedMessage>> whenMessages(int count);

    /**
     * Completes when at least {@code count} sessions have ended since the journal was last cleared,
     * with the sessions held: the non-blocking form of {@link #awaitEndedSessions}. The future never
     * times out by itself; bound it with {@link CompletableFuture#orTimeout}. Cancelling it (or its
     * timing out) withdraws the wait.
     *
     * <p>The default implementation returns a future failed with {@link UnsupportedOperationException}, for
     * journals that cannot wait without blocking; the server's journal and the remote client's override it.
     */
    default CompletableFuture<List<SessionRecord>> whenEndedSessions(int count) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                getClass().getName() + " cannot wait for ended sessions without blocking"));
    }

    /** How many messages have been accepted since the journal was last cleared, evicted ones included. */
    long messageCount();

    /** How many messages were evicted to keep the journal within its capacity. */
    long evictedMessages();

    /** How many ended sessions were evicted to keep the journal within its capacity. */
    long evictedSessions();

    /** Removes all messages and ended sessions and resets the counts; open sessions stay. */
    void clear();
}
