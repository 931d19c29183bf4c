package dev.twofifty.assertj;

import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A journal with fixed content, for checks that need exact sessions and messages. */
record StubJournal(List<ReceivedMessage> messages, List<SessionRecord> sessions) implements Journal {

    static StubJournal of(SessionRecord... sessions) {
        return new StubJournal(List.of(), List.of(sessions));
    }

    static StubJournal ofMessages(ReceivedMessage... messages) {
        return new StubJournal(List.of(messages), List.of());
    }

    @Override
    public Optional<ReceivedMessage> message(long id) {
        return messages.stream().filter(message -> message.id() == id).findFirst();
    }

    @Override
    public Optional<SessionRecord> session(long id) {
        return sessions.stream().filter(session -> session.id() == id).findFirst();
    }

    @Override
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        if (messages.size() < count) {
            throw new AwaitTimeoutException("only " + messages.size() + " messages");
        }
        return messages;
    }

    @Override
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        return sessions;
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> whenMessages(int count) {
        return messages.size() >= count ? CompletableFuture.completedFuture(messages) : new CompletableFuture<>();
    }

    @Override
    public long messageCount() {
        return messages.size();
    }

    @Override
    public long evictedMessages() {
        return 0;
    }

    @Override
    public long evictedSessions() {
        return 0;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("a stub journal is fixed");
    }

    @Override
    public String toString() {
        return "StubJournal";
    }
}
