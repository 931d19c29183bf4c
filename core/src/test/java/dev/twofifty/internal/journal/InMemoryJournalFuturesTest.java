package dev.twofifty.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The journal's non-blocking waits: {@code whenMessages} and {@code whenEndedSessions}. */
@Timeout(10)
class InMemoryJournalFuturesTest {

    private final InMemoryJournal journal = new InMemoryJournal(100, 100);

    private void endSession() {
        SessionRecorder recorder = journal.openSession("127.0.0.1:1234");
        recorder.end(SessionEnd.QUIT);
        journal.sessionEnded(recorder);
    }

    @Test
    void when_ended_sessions_completes_with_the_sessions_once_enough_have_ended() {
        CompletableFuture<List<SessionRecord>> two = journal.whenEndedSessions(2);
        endSession();
        assertThat(two).isNotDone();

        endSession();

        assertThat(two)
                .isCompletedWithValueMatching(sessions ->
                        sessions.stream().map(SessionRecord::id).toList().equals(List.of(1L, 2L)));
        assertThat(journal.whenEndedSessions(1)).isCompleted();
    }

    @Test
    void when_ended_sessions_counts_from_the_last_clear() {
        endSession();
        journal.clear();

        CompletableFuture<List<SessionRecord>> one = journal.whenEndedSessions(1);
        assertThat(one).isNotDone();
        endSession();

        assertThat(one).isCompleted();
    }

    @Test
    void an_abandoned_future_withdraws_its_wait() {
        journal.whenEndedSessions(1).cancel(false);
        // What orTimeout does when the time is up, on this thread so that the withdrawal has happened after it.
        journal.whenMessages(1).completeExceptionally(new TimeoutException());

        assertThat(journal).extracting("sessionWaiters").asList().isEmpty();
        assertThat(journal).extracting("messageWaiters").asList().isEmpty();
        Path path = new Path("b@example.org", Address.parse("b@example.org"));
        journal.addMessage(
                1,
                1,
                new Envelope(path, EsmtpParameters.NONE, List.of(new Recipient(path, EsmtpParameters.NONE))),
                "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(journal.whenMessages(1)).isCompleted();
    }
}
