package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.Violation;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail's envelope options (DSN, null sender) and message sizes, as the journal records them. */
@Timeout(30)
class AngusMailEnvelopeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeSmtpServer smtp = FakeSmtpServer.start();

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void dsn_options_are_recorded_as_envelope_parameters() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port())
                .with("dsn.notify", "SUCCESS,FAILURE")
                .with("dsn.ret", "HDRS")
                .with("mailextension", "ENVID=QQ314159+2Bx");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "DSN");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.envelope().dsnReturn()).contains("HDRS");
        assertThat(received.envelope().dsnEnvelopeId()).contains("QQ314159+x");
        assertThat(received.envelope().recipients())
                .singleElement()
                .satisfies(recipient -> assertThat(recipient.dsnNotify()).containsExactly("SUCCESS", "FAILURE"));
    }

    @Test
    void a_null_reverse_path_is_recorded_as_the_empty_sender() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port()).with("from", "<>");
        MimeMessage message = angus.textMessage("mailer-daemon@example.com", "bob@example.org", "Bounce");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.envelope().reversePath().isNull()).isTrue();
        assertThat(received.envelope().sender()).isEmpty();
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).clientLines())
                .contains("MAIL FROM:<>");
    }

    @Test
    void a_message_of_several_megabytes_is_journaled_byte_for_byte() throws Exception {
        byte[] binary = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(binary);
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(AngusMail.DOTTED_BODY);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(binary, "application/octet-stream");
        attachment.setFileName("random.bin");
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setSubject("Big");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.size()).isEqualTo(expected.length).isGreaterThan(4_000_000);
        assertThat(received.rawEquals(expected))
                .as("content equals what Angus sent")
                .isTrue();
        assertThat(received.parsed().attachments())
                .singleElement()
                .satisfies(part -> assertThat(part.content()).isEqualTo(binary));
    }

    @Test
    void a_message_over_the_size_limit_is_refused_with_552_and_not_journaled() throws Exception {
        smtp.close();
        smtp = FakeSmtpServer.start(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxMessageSize(2_000))
                .build());
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setText("too long a line of text\r\n".repeat(200));
        message.saveChanges();

        SMTPSendFailedException failure =
                catchThrowableOfType(SMTPSendFailedException.class, () -> angus.send(message));

        assertThat(failure.getReturnCode()).isEqualTo(552);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.transactions()).singleElement().satisfies(transaction -> {
            assertThat(transaction.outcome()).isEqualTo(TransactionRecord.Outcome.REJECTED);
            assertThat(transaction.contentSize()).isEqualTo(Wire.angusContent(message).length);
            assertThat(transaction.messageId()).isEmpty();
        });
        assertThat(session.violations()).extracting(Violation::type).contains(Violation.Type.MESSAGE_TOO_LARGE);
        assertThat(smtp.messages()).isEmpty();
    }
}
