package dev.twofifty.assertj;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The TwoFifty entry points for soft assertions: every {@link SmtpAssertions} method, returning an
 * assert whose failures are collected rather than thrown. Implement it next to other providers to
 * combine TwoFifty's soft assertions with AssertJ's own:
 *
 * <pre>{@code
 * class MySoftAssertions extends SoftAssertions implements SmtpSoftAssertionsProvider {}
 * }</pre>
 */
public interface SmtpSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Creates a soft assert on a fake SMTP server.
     *
     * @param actual the server
     * @return the assert
     */
    default FakeSmtpAssert assertThat(FakeSmtp actual) {
        return proxy(FakeSmtpAssert.class, FakeSmtp.class, actual);
    }

    /**
     * Creates a soft assert on a journal.
     *
     * @param actual the journal
     * @return the assert
     */
    default JournalAssert assertThat(Journal actual) {
        return proxy(JournalAssert.class, Journal.class, actual);
    }

    /**
     * Creates a soft assert on a received message.
     *
     * @param actual the message
     * @return the assert
     */
    default ReceivedMessageAssert assertThat(ReceivedMessage actual) {
        return proxy(ReceivedMessageAssert.class, ReceivedMessage.class, actual);
    }

    /**
     * Creates a soft assert on an envelope.
     *
     * @param actual the envelope
     * @return the assert
     */
    default EnvelopeAssert assertThat(Envelope actual) {
        return proxy(EnvelopeAssert.class, Envelope.class, actual);
    }

    /**
     * Creates a soft assert on a session.
     *
     * @param actual the session
     * @return the assert
     */
    default SessionAssert assertThat(SessionRecord actual) {
        return proxy(SessionAssert.class, SessionRecord.class, actual);
    }

    /**
     * Creates a soft assert on an attachment.
     *
     * @param actual the attachment
     * @return the assert
     */
    default AttachmentAssert assertThat(Attachment actual) {
        return proxy(AttachmentAssert.class, Attachment.class, actual);
    }

    /**
     * Creates a soft assert on a session's transcript.
     *
     * @param actual the transcript entries
     * @return the assert
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    default TranscriptAssert assertThatTranscript(List<TranscriptEntry> actual) {
        return proxy(TranscriptAssert.class, (Class) List.class, actual);
    }
}
