package dev.twofifty.internal.journal;

import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded in-memory {@link Journal} of one server. Writers are the sessions' I/O threads;
 * waits are futures completed by the writes, so nothing polls.
 */
public final class InMemoryJournal implements Journal {

    private final int capacity;
    private final int maxTranscriptEntries;
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private final ArrayDeque<ReceivedMessage> messages = new ArrayDeque<>();
    private final Map<Long, SessionRecorder> sessions = new LinkedHashMap<>();
    private final List<Waiter> messageWaiters = new ArrayList<>();
    private final List<Waiter> sessionWaiters = new ArrayList<>();
    private long messageCount;
    private long endedSessionCount;
    private long endedSessionsHeld;
    private long evictedMessages;
    private long evictedSessions;

    private record Waiter(long count, CompletableFuture<Void> future) {}

    public InMemoryJournal(int capacity, int maxTranscriptEntries) {
        this.capacity = capacity;
        this.maxTranscriptEntries = maxTranscriptEntries;
    }

    /** Opens the record of a new session and gives it the next session id. */
    public synchronized SessionRecorder openSession(String remoteAddress) {
        SessionRecorder recorder =
                new SessionRecorder(sessionIds.incrementAndGet(), remoteAddress, maxTranscriptEntries);
        sessions.put(recorder.id(), recorder);
        return recorder;
    }

    /** Notes that a session ended (its recorder has its end already); evicts old ended sessions. */
    public synchronized void sessionEnded(SessionRecorder recorder) {
        if (!sessions.containsKey(recorder.id())) {
            return;
        }
        endedSessionCount++;
        endedSessionsHeld++;
        Iterator<SessionRecorder> oldest = sessions.values().iterator();
        while (endedSessionsHeld > capacity && oldest.hasNext()) {
            SessionRecorder candidate = oldest.next();
            if (candidate.ended()) {
                oldest.remove();
                endedSessionsHeld--;
                evictedSessions++;
            }
        }
        complete(sessionWaiters, endedSessionCount);
    }

    /** Records an accepted message and gives it the next message id. */
    public ReceivedMessage addMessage(long sessionId, int transactionIndex, Envelope envelope, byte[] raw) {
        return addMessage(sessionId, transactionIndex, envelope, raw, message -> {});
    }

    /**
     * Records an accepted message, gives it the next message id, and tells {@code beforeWaiters} about it
     * before anyone waiting on the journal wakes up (so listeners are never behind a waiter).
     */
    public ReceivedMessage addMessage(
            long sessionId,
            int transactionIndex,
            Envelope envelope,
            byte[] raw,
            java.util.function.Consumer<ReceivedMessage> beforeWaiters) {
        List<Waiter> toComplete;
        ReceivedMessage message;
        synchronized (this) {
            message = new ReceivedMessage(
                    messageIds.incrementAndGet(), sessionId, transactionIndex, envelope, raw, Instant.now());
            messages.addLast(message);
            messageCount++;
            if (messages.size() > capacity) {
                messages.removeFirst();
                evictedMessages++;
            }
            toComplete = due(messageWaiters, messageCount);
        }
        beforeWaiters.accept(message);
        // Complete outside the lock: a waiter's continuation may read the journal.
        toComplete.forEach(waiter -> waiter.future.complete(null));
        return message;
    }

    @Override
    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public synchronized Optional<ReceivedMessage> message(long id) {
        return messages.stream().filter(message -> message.id() == id).findFirst();
    }

    @Override
    public List<SessionRecord> sessions() {
        List<SessionRecorder> recorders;
        synchronized (this) {
            recorders = new ArrayList<>(sessions.values());
        }
        return recorders.stream().map(SessionRecorder::snapshot).toList();
    }

    @Override
    public Optional<SessionRecord> session(long id) {
        SessionRecorder recorder;
        synchronized (this) {
            recorder = sessions.get(id);
        }
        return Optional.ofNullable(recorder).map(SessionRecorder::snapshot);
    }

    @Override
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        CompletableFuture<Void> arrived = register(messageWaiters, count, () -> messageCount);
        if (await(arrived, timeout)) {
            return messages();
        }
        throw new AwaitTimeoutException("Expected at least " + count + plural(count, " message", " messages")
                + " within " + human(timeout) + " but " + describeMessages() + describeSessions());
    }

    @Override
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        CompletableFuture<Void> ended = register(sessionWaiters, count, () -> endedSessionCount);
        if (await(ended, timeout)) {
            return sessions();
        }
        throw new AwaitTimeoutException("Expected at least " + count + plural(count, " session", " sessions")
                + " to end within " + human(timeout) + " but " + endedSessionCount() + " ended."
                + describeSessions());
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> whenMessages(int count) {
        return withdrawnWhenAbandoned(register(messageWaiters, count, () -> messageCount), ignored -> messages());
    }

    @Override
    public CompletableFuture<List<SessionRecord>> whenEndedSessions(int count) {
        return withdrawnWhenAbandoned(register(sessionWaiters, count, () -> endedSessionCount), ignored -> sessions());
    }

    /**
     * The caller's future over a waiter: when the caller cancels it or times it out, the waiter is withdrawn
     * too, so abandoned waits (an admin API client that gave up, say) do not pile up.
     */
    private static <T> CompletableFuture<T> withdrawnWhenAbandoned(
            CompletableFuture<Void> waiter, java.util.function.Function<Void, T> result) {
        CompletableFuture<T> future = waiter.thenApply(result);
        future.whenComplete((value, failure) -> {
            if (failure != null) {
                waiter.cancel(false);
            }
        });
        return future;
    }

    @Override
    public synchronized long messageCount() {
        return messageCount;
    }

    @Override
    public synchronized long evictedMessages() {
        return evictedMessages;
    }

    @Override
    public synchronized long evictedSessions() {
        return evictedSessions;
    }

    @Override
    public synchronized void clear() {
        messages.clear();
        sessions.values().removeIf(SessionRecorder::ended);
        messageCount = 0;
        endedSessionCount = 0;
        endedSessionsHeld = 0;
        evictedMessages = 0;
        evictedSessions = 0;
    }

    private synchronized long endedSessionCount() {
        return endedSessionCount;
    }

    private CompletableFuture<Void> register(
            List<Waiter> waiters, long count, java.util.function.LongSupplier current) {
        synchronized (this) {
            if (current.getAsLong() >= count) {
                return CompletableFuture.completedFuture(null);
            }
            Waiter waiter = new Waiter(count, new CompletableFuture<>());
            waiters.add(waiter);
            waiter.future.whenComplete((ignored, failure) -> {
                synchronized (this) {
                    waiters.remove(waiter);
                }
            });
            return waiter.future;
        }
    }

    private static boolean await(CompletableFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            future.cancel(false);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new IllegalStateException("Interrupted while waiting on the journal", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting on the journal failed", e.getCause());
        }
    }

    private List<Waiter> due(List<Waiter> waiters, long current) {
        List<Waiter> result = new ArrayList<>();
        for (Waiter waiter : waiters) {
            if (current >= waiter.count) {
                result.add(waiter);
            }
        }
        return result;
    }

    private void complete(List<Waiter> waiters, long current) {
        due(waiters, current).forEach(waiter -> waiter.future.complete(null));
    }

    private String describeMessages() {
        List<ReceivedMessage> held = messages();
        long count = messageCount();
        if (count == 0) {
            return "none arrived.";
        }
        StringBuilder out = new StringBuilder();
        out.append(count).append(count == 1 ? " arrived:" : " arrived:");
        for (ReceivedMessage message : held) {
            out.append("\n  ").append(message.id()).append(". ").append(message.envelope());
            out.append(" (session ").append(message.sessionId()).append(')');
        }
        return out.toString();
    }

    private String describeSessions() {
        List<SessionRecord> all = sessions();
        if (all.isEmpty()) {
            return "\nNo client connected.";
        }
        StringBuilder out = new StringBuilder("\nSessions:");
        for (SessionRecord session : all) {
            out.append("\n  session ").append(session.id()).append(" from ").append(session.remoteAddress());
            out.append(session.endedBy().map(end -> ", ended by " + end).orElse(", open"));
            List<String> lines = session.transcript().stream()
                    .filter(entry -> entry.kind() != dev.twofifty.journal.TranscriptEntry.Kind.EVENT)
                    .map(Object::toString)
                    .toList();
            int from = Math.max(0, lines.size() - 6);
            if (from > 0) {
                out.append("\n    ...");
            }
            lines.subList(from, lines.size())
                    .forEach(line -> out.append("\n    ").append(line.trim()));
        }
        return out.toString();
    }

    private static String plural(long count, String one, String many) {
        return count == 1 ? one : many;
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
