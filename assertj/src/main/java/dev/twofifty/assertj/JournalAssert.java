package dev.twofifty.assertj;

import dev.twofifty.journal.Journal;
import java.time.Duration;

/**
 * Assertions on a journal: the messages and sessions a server recorded. Use it when a test holds
 * the journal rather than the server; {@link FakeSmtpAssert} has the same checks.
 *
 * <pre>{@code
 * assertThat(smtp.journal()).hasReceived(2).hasReceivedMessageTo("bob@example.com");
 * }</pre>
 */
public class JournalAssert extends AbstractJournalAssert<JournalAssert, Journal> {

    /**
     * Creates an assert on a journal; {@link SmtpAssertions#assertThat(Journal)} is the usual way.
     *
     * @param actual the journal
     */
    public JournalAssert(Journal actual) {
        super(actual, JournalAssert.class);
    }

    /**
     * Creates an assert whose checks are retried for the given time.
     *
     * @param actual the journal
     * @param timeout how long checks are retried; {@code null} to check once
     */
    protected JournalAssert(Journal actual, Duration timeout) {
        super(actual, JournalAssert.class, timeout);
    }

    @Override
    protected Journal journal() {
        return actual;
    }

    @Override
    protected JournalAssert newTimedAssert(Duration timeout) {
        return new JournalAssert(actual, timeout);
    }
}
