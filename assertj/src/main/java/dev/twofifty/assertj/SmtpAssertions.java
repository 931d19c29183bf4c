package dev.twofifty.assertj;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.util.List;

/**
 * The entry point of the TwoFifty assertions: one {@code assertThat} per thing a fake SMTP server
 * records, each returning an assert with the checks that thing supports and navigation to the
 * things it holds.
 *
 * <pre>{@code
 * import static dev.twofifty.assertj.SmtpAssertions.assertThat;
 *
 * try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
 *     smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(1));
 *     mailer.send(smtp.host(), smtp.port(), invoice);              // retries on 4xx
 *
 *     assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
 *     assertThat(smtp).clientRetriedAfterTransientFailure().hasNoViolations();
 *     assertThat(smtp).messageTo("bob@example.com")
 *             .hasSubject("Your invoice")
 *             .hasAttachmentNamed("invoice.pdf");
 *     assertThat(smtp).lastSession().usedStartTlsBeforeAuth().sentQuit();
 * }
 * }</pre>
 *
 * <p>The methods can be imported next to AssertJ's {@code Assertions.assertThat}: Java picks the
 * most specific overload. Transcripts are lists, so their entry point has a name of its own,
 * {@link #assertThatTranscript(List)}. For soft assertions see {@link SmtpSoftAssertions}.
 */
public final class SmtpAssertions {

    private SmtpAssertions() {}

    /**
     * Creates an assert on a fake SMTP server: its journal and its script.
     *
     * @param actual the server
     * @return the assert
     */
    public static FakeSmtpAssert assertThat(FakeSmtp actual) {
        return new FakeSmtpAssert(actual);
    }

    /**
     * Creates an assert on a journal.
     *
     * @param actual the journal
     * @return the assert
     */
    public static JournalAssert assertThat(Journal actual) {
        return new JournalAssert(actual);
    }

    /**
     * Creates an assert on a received message.
     *
     * @param actual the message
     * @return the assert
     */
    public static ReceivedMessageAssert assertThat(ReceivedMessage actual) {
        return new ReceivedMessageAssert(actual);
    }

    /**
     * Creates an assert on an envelope.
     *
     * @param actual the envelope
     * @return the assert
     */
    public static EnvelopeAssert assertThat(Envelope actual) {
        return new EnvelopeAssert(actual);
    }

    /**
     * Creates an assert on a session.
     *
     * @param actual the session
     * @return the assert
     */
    public static SessionAssert assertThat(SessionRecord actual) {
        return new SessionAssert(actual);
    }

    /**
     * Creates an assert on an attachment.
     *
     * @param actual the attachment
     * @return the assert
     */
    public static AttachmentAssert assertThat(Attachment actual) {
        return new AttachmentAssert(actual);
    }

    /**
     * Creates an assert on a session's transcript.
     *
     * @param actual the transcript entries, for example {@code session.transcript()}
     * @return the assert
     */
    public static TranscriptAssert assertThatTranscript(List<TranscriptEntry> actual) {
        return new TranscriptAssert(actual);
    }
}
