package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldHaveMessageAt.shouldHaveMessageAt;
import static dev.twofifty.assertj.error.ShouldHaveNoViolations.shouldHaveNoViolations;
import static dev.twofifty.assertj.error.ShouldHaveReceived.shouldHaveReceived;
import static dev.twofifty.assertj.error.ShouldHaveReceived.shouldHaveReceivedAtLeast;
import static dev.twofifty.assertj.error.ShouldHaveReceived.shouldHaveReceivedNothing;
import static dev.twofifty.assertj.error.ShouldHaveReceivedMessage.shouldHaveReceivedMessageFrom;
import static dev.twofifty.assertj.error.ShouldHaveReceivedMessage.shouldHaveReceivedMessageTo;
import static dev.twofifty.assertj.error.ShouldHaveReceivedMessage.shouldHaveReceivedMessageWithSubject;
import static dev.twofifty.assertj.error.ShouldHaveRetriedAfterTransientFailure.shouldHaveRetriedAfterTransientFailure;
import static dev.twofifty.assertj.error.ShouldHaveSessions.shouldHaveASession;
import static dev.twofifty.assertj.error.ShouldHaveSessions.shouldHaveSessionAt;
import static dev.twofifty.assertj.error.ShouldHaveSessions.shouldHaveSessions;
import static dev.twofifty.assertj.error.ShouldPassWithin.shouldPassWithin;

import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The assertions a server and a journal share: what was received, by whom, in which sessions, and
 * how the client behaved across sessions. Each check runs once, or, on the copy {@link
 * #within(Duration)} returns, until it passes or the timeout passes.
 *
 * @param <SELF> the concrete assert type, returned by every check for chaining
 * @param <ACTUAL> the type under test
 */
public abstract class AbstractJournalAssert<SELF extends AbstractJournalAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    /** How often checks other than message counts are retried under {@link #within(Duration)}. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final Duration timeout;

    /**
     * Creates an assert whose checks run once.
     *
     * @param actual the object under test
     * @param selfType the concrete assert class
     */
    protected AbstractJournalAssert(ACTUAL actual, Class<?> selfType) {
        this(actual, selfType, null);
    }

    /**
     * Creates an assert whose checks are retried until they pass or the timeout passes.
     *
     * @param actual the object under test
     * @param selfType the concrete assert class
     * @param timeout how long checks are retried; {@code null} to check once
     */
    protected AbstractJournalAssert(ACTUAL actual, Class<?> selfType, Duration timeout) {
        super(actual, selfType);
        this.timeout = timeout;
    }

    /**
     * The journal of the object under test.
     *
     * @return the journal; only called once {@code actual} is known not to be null
     */
    protected abstract Journal journal();

    /**
     * A new assert on the same object whose checks are retried for the given time.
     *
     * @param timeout how long checks are retried
     * @return the new assert
     */
    protected abstract SELF newTimedAssert(Duration timeout);

    /**
     * Returns a copy of this assert whose every check is retried until it passes or the timeout
     * passes; message counts are awaited without polling, as the journal completes them.
     *
     * <pre>{@code
     * assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(2);
     * assertThat(smtp).within(Duration.ofSeconds(5)).hasReceivedMessageTo("bob@example.com");
     * }</pre>
     *
     * <p>A check that times out fails with what was awaited, for how long, and its last failure
     * (which shows what had arrived). Navigation ({@link #message(int)}, {@link #lastSession()}, ...)
     * waits for its target; the assert it returns checks the snapshot it was given, once.
     *
     * @param timeout how long to retry each check; positive
     * @return a copy of this assert with the timeout
     */
    public SELF within(Duration timeout) {
        isNotNull();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive but was " + timeout);
        }
        return extracting(ignored -> actual, ignored -> newTimedAssert(timeout));
    }

    /**
     * Verifies that exactly {@code count} messages were accepted since the journal was last cleared
     * ({@link Journal#messageCount()}, evicted messages included).
     *
     * @param count the expected number of messages
     * @return this assert
     */
    public SELF hasReceived(int count) {
        isNotNull();
        awaitingMessages("hasReceived(" + count + ")", count, () -> {
            long received = journal().messageCount();
            if (received != count) {
                throw assertionError(
                        shouldHaveReceived(actual, count, received, journal().messages()));
            }
        });
        return myself;
    }

    /**
     * Verifies that at least {@code count} messages were accepted since the journal was last cleared.
     *
     * @param count the minimum number of messages
     * @return this assert
     */
    public SELF hasReceivedAtLeast(int count) {
        isNotNull();
        awaitingMessages("hasReceivedAtLeast(" + count + ")", count, () -> {
            long received = journal().messageCount();
            if (received < count) {
                throw assertionError(shouldHaveReceivedAtLeast(
                        actual, count, received, journal().messages()));
            }
        });
        return myself;
    }

    /**
     * Verifies that no message was accepted since the journal was last cleared.
     *
     * @return this assert
     */
    public SELF hasReceivedNothing() {
        isNotNull();
        retrying("hasReceivedNothing()", () -> {
            long received = journal().messageCount();
            if (received != 0) {
                throw assertionError(
                        shouldHaveReceivedNothing(actual, received, journal().messages()));
            }
        });
        return myself;
    }

    /**
     * Verifies that a message was sent to this envelope recipient (the domain compared ignoring
     * case). The failure lists every message's recipients.
     *
     * @param address the recipient, for example {@code bob@example.com}
     * @return this assert
     */
    public SELF hasReceivedMessageTo(String address) {
        messageToOrFail(address, "hasReceivedMessageTo");
        return myself;
    }

    /**
     * Verifies that a message came from this envelope sender (the domain compared ignoring case);
     * {@code ""} is the null sender {@code <>}. The failure lists every message's sender.
     *
     * @param sender the envelope sender
     * @return this assert
     */
    public SELF hasReceivedMessageFrom(String sender) {
        isNotNull();
        Objects.requireNonNull(sender, "sender");
        retrying("hasReceivedMessageFrom(\"" + sender + "\")", () -> {
            List<ReceivedMessage> messages = journal().messages();
            boolean found = messages.stream()
                    .anyMatch(message -> Addresses.same(message.envelope().sender(), sender));
            if (!found) {
                throw assertionError(shouldHaveReceivedMessageFrom(actual, sender, messages));
            }
        });
        return myself;
    }

    /**
     * Verifies that a message has exactly this decoded subject. The failure lists every message's subject.
     *
     * @param subject the subject, with any RFC 2047 encoded words decoded
     * @return this assert
     */
    public SELF hasReceivedMessageWithSubject(String subject) {
        isNotNull();
        Objects.requireNonNull(subject, "subject");
        retrying("hasReceivedMessageWithSubject(\"" + subject + "\")", () -> {
            List<ReceivedMessage> messages = journal().messages();
            if (messages.stream().noneMatch(message -> message.subject().equals(subject))) {
                throw assertionError(shouldHaveReceivedMessageWithSubject(actual, subject, messages));
            }
        });
        return myself;
    }

    /**
     * Navigates to the message at this index, oldest first, among the messages the journal holds.
     * The failure lists the messages there are.
     *
     * @param index the 0-based index
     * @return an assert on the message
     */
    public ReceivedMessageAssert message(int index) {
        isNotNull();
        requireIndex(index);
        AtomicReference<ReceivedMessage> found = new AtomicReference<>();
        awaitingMessages("message(" + index + ")", index + 1, () -> {
            List<ReceivedMessage> messages = journal().messages();
            if (index < 0 || index >= messages.size()) {
                throw assertionError(shouldHaveMessageAt(actual, index, messages));
            }
            found.set(messages.get(index));
        });
        // Not through toAssertForProxy: soft assertions already intercept methods named "message".
        return extracting(ignored -> found.get(), ReceivedMessageAssert::new);
    }

    /**
     * Navigates to the first message sent to this envelope recipient (the domain compared ignoring
     * case). The failure lists every message's recipients.
     *
     * @param address the recipient
     * @return an assert on the message
     */
    public ReceivedMessageAssert messageTo(String address) {
        ReceivedMessage message = messageToOrFail(address, "messageTo");
        return toAssertForProxy(extracting(ignored -> message, ReceivedMessageAssert::new));
    }

    /**
     * Navigates to the messages the journal holds, oldest first, as an AssertJ list assert.
     *
     * @return a list assert on the messages
     */
    public ListAssert<ReceivedMessage> messages() {
        isNotNull();
        List<ReceivedMessage> messages = journal().messages();
        return toAssertForProxy(extracting(ignored -> messages, list -> new ListAssert<>(list)));
    }

    /**
     * Verifies the number of sessions the journal holds (open ones and ended ones not evicted).
     * The failure lists the sessions.
     *
     * @param count the expected number of sessions
     * @return this assert
     */
    public SELF hasSessions(int count) {
        isNotNull();
        retrying("hasSessions(" + count + ")", () -> {
            List<SessionRecord> sessions = journal().sessions();
            if (sessions.size() != count) {
                throw assertionError(shouldHaveSessions(actual, count, sessions));
            }
        });
        return myself;
    }

    /**
     * Navigates to a snapshot of the session at this index, oldest first.
     *
     * @param index the 0-based index
     * @return an assert on the session
     */
    public SessionAssert session(int index) {
        isNotNull();
        requireIndex(index);
        SessionRecord session = retrieving("session(" + index + ")", () -> {
            List<SessionRecord> sessions = journal().sessions();
            if (index < 0 || index >= sessions.size()) {
                throw assertionError(shouldHaveSessionAt(actual, index, sessions));
            }
            return sessions.get(index);
        });
        return toAssertForProxy(extracting(ignored -> session, SessionAssert::new));
    }

    /**
     * Navigates to a snapshot of the most recent session.
     *
     * @return an assert on the session
     */
    public SessionAssert lastSession() {
        isNotNull();
        SessionRecord session = retrieving("lastSession()", () -> {
            List<SessionRecord> sessions = journal().sessions();
            if (sessions.isEmpty()) {
                throw assertionError(shouldHaveASession(actual));
            }
            return sessions.get(sessions.size() - 1);
        });
        return toAssertForProxy(extracting(ignored -> session, SessionAssert::new));
    }

    /**
     * Verifies that no session recorded a client protocol violation. The failure lists them per session.
     *
     * @return this assert
     */
    public SELF hasNoViolations() {
        isNotNull();
        retrying("hasNoViolations()", () -> {
            List<SessionRecord> offending = journal().sessions().stream()
                    .filter(session -> !session.violations().isEmpty())
                    .toList();
            if (!offending.isEmpty()) {
                throw assertionError(shouldHaveNoViolations(actual, offending));
            }
        });
        return myself;
    }

    /**
     * Verifies that the client retried after a transient failure: it got a 4xx reply at some step
     * (the greeting, MAIL, RCPT, DATA, the end of the data or any other) and a transaction that
     * started after that reply, in the same session or a later one, was accepted. The failure
     * summarises every session's replies and transaction outcomes.
     *
     * @return this assert
     */
    public SELF clientRetriedAfterTransientFailure() {
        isNotNull();
        retrying("clientRetriedAfterTransientFailure()", () -> {
            Retries.Verdict verdict = Retries.judge(journal().sessions());
            if (!verdict.retried()) {
                throw assertionError(
                        shouldHaveRetriedAfterTransientFailure(actual, verdict.reason(), verdict.sessions()));
            }
        });
        return myself;
    }

    /**
     * The timeout of this assert, if it was made by {@link #within(Duration)}.
     *
     * @return the timeout, empty when checks run once
     */
    protected Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Runs a check once, or, under {@link #within(Duration)}, until it passes or the timeout passes.
     *
     * @param check the check as written, for the timeout's failure message
     * @param body the check; it throws an {@link AssertionError} when it fails
     */
    protected void retrying(String check, Runnable body) {
        retrieving(check, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs a check that produces a value once, or, under {@link #within(Duration)}, until it passes
     * or the timeout passes.
     *
     * @param check the check as written, for the timeout's failure message
     * @param body the check; it throws an {@link AssertionError} when it fails
     * @param <T> the type of the value
     * @return the value of the passing check
     */
    protected <T> T retrieving(String check, Supplier<T> body) {
        if (timeout == null) {
            return body.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<AssertionError> last = new AtomicReference<>();
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .ignoreNoExceptions()
                    .conditionEvaluationListener(condition -> {})
                    .untilAsserted(() -> {
                        try {
                            result.set(body.get());
                        } catch (AssertionError failure) {
                            last.set(failure);
                            throw failure;
                        }
                    });
            return result.get();
        } catch (ConditionTimeoutException e) {
            String lastFailure =
                    last.get() == null ? e.getMessage() : last.get().getMessage();
            throw assertionError(shouldPassWithin(actual, check, timeout, lastFailure));
        }
    }

    /**
     * Under {@link #within(Duration)}, waits without polling until {@code count} messages have
     * arrived; then runs the check.
     */
    private void awaitingMessages(String check, int count, Runnable body) {
        if (timeout == null || count <= 0) {
            retrying(check, body);
            return;
        }
        try {
            journal().awaitMessages(count, timeout);
        } catch (AwaitTimeoutException timedOut) {
            try {
                body.run();
            } catch (AssertionError failure) {
                throw assertionError(shouldPassWithin(actual, check, timeout, failure.getMessage()));
            }
            return;
        }
        body.run();
    }

    private static void requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("The index must not be negative but was " + index);
        }
    }

    private ReceivedMessage messageToOrFail(String address, String method) {
        isNotNull();
        Objects.requireNonNull(address, "address");
        return retrieving(method + "(\"" + address + "\")", () -> {
            List<ReceivedMessage> messages = journal().messages();
            return messages.stream()
                    .filter(message -> Addresses.contains(message.envelope().recipientAddresses(), address))
                    .findFirst()
                    .orElseThrow(() -> assertionError(shouldHaveReceivedMessageTo(actual, address, messages)));
        });
    }

    /**
     * Returns the assert a navigation method made. AssertJ's soft assertions intercept methods of
     * this name to make the returned assert collect its failures too; it does nothing otherwise.
     *
     * @param navigated the assert on the navigated-to value
     * @param <A> its type
     * @return the same assert
     */
    protected <A extends AbstractAssert<?, ?>> A toAssertForProxy(A navigated) {
        return navigated;
    }
}
