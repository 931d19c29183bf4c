package dev.twofifty.script;

import static dev.twofifty.script.Matchers.address;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real client (Angus Mail) reacting to scripted failures at each step of a transaction. */
@Timeout(20)
class AngusMailClientTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);

    @Test
    void a_refused_sender_fails_the_send_with_the_mail_reply() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willReply(550, "5.7.1", "Sender refused"));

            SMTPSendFailedException failure = catchThrowableOfType(
                    SMTPSendFailedException.class, () -> Transport.send(message(smtp, false, "bob@example.org")));

            assertThat(failure.getReturnCode()).isEqualTo(550);
            assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<ann@example.com>");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("bob@example.org");
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPSenderFailedException.class, sender -> {
                assertThat(sender.getReturnCode()).isEqualTo(550);
                assertThat(sender.getAddress()).hasToString("ann@example.com");
                assertThat(sender.getMessage()).isEqualTo("550 5.7.1 Sender refused\n");
            });
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void a_refused_recipient_fails_the_whole_send_without_sendpartial() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(address("bad@example.org")).willReply(550, "5.1.1", "No such user"));

            SendFailedException failure = catchThrowableOfType(
                    SendFailedException.class,
                    () -> Transport.send(message(smtp, false, "good@example.org", "bad@example.org")));

            assertThat(failure).isExactlyInstanceOf(SendFailedException.class).hasMessage("Invalid Addresses");
            assertThat(addresses(failure.getInvalidAddresses())).containsExactly("bad@example.org");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("good@example.org");
            assertThat(failure.getValidSentAddresses()).isNull();
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, rcpt -> {
                assertThat(rcpt.getReturnCode()).isEqualTo(550);
                assertThat(rcpt.getCommand()).isEqualTo("RCPT TO:<bad@example.org>");
                assertThat(rcpt.getAddress()).hasToString("bad@example.org");
            });
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void with_sendpartial_a_refused_recipient_is_reported_and_the_others_get_the_message() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(address("bad@example.org")).willReply(550, "5.1.1", "No such user"));

            SMTPSendFailedException failure = catchThrowableOfType(
                    SMTPSendFailedException.class,
                    () -> Transport.send(message(smtp, true, "good@example.org", "bad@example.org")));

            assertThat(failure.getReturnCode()).isEqualTo(250);
            assertThat(addresses(failure.getValidSentAddresses())).containsExactly("good@example.org");
            assertThat(addresses(failure.getInvalidAddresses())).containsExactly("bad@example.org");
            assertThat(failure.getValidUnsentAddresses()).isEmpty();
            assertThat(failure.getNextException())
                    .isInstanceOfSatisfying(
                            SMTPAddressFailedException.class,
                            rcpt -> assertThat(rcpt.getReturnCode()).isEqualTo(550));
            assertThat(smtp.messages())
                    .singleElement()
                    .satisfies(received ->
                            assertThat(received.envelope().recipientAddresses()).containsExactly("good@example.org"));
        }
    }

    @Test
    void with_sendpartial_a_temporarily_refused_recipient_is_valid_but_unsent() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(address("busy@example.org")).willReply(450, "4.2.1", "Mailbox busy"));

            SMTPSendFailedException failure = catchThrowableOfType(
                    SMTPSendFailedException.class,
                    () -> Transport.send(message(smtp, true, "good@example.org", "busy@example.org")));

            assertThat(addresses(failure.getValidSentAddresses())).containsExactly("good@example.org");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("busy@example.org");
            assertThat(failure.getInvalidAddresses()).isEmpty();
            assertThat(failure.getNextException())
                    .isInstanceOfSatisfying(
                            SMTPAddressFailedException.class,
                            rcpt -> assertThat(rcpt.getReturnCode()).isEqualTo(450));
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void a_temporary_failure_at_data_fails_the_send_with_the_data_reply() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onData().willReply(451, "4.3.0", "Try again later"));

            SMTPSendFailedException failure = catchThrowableOfType(
                    SMTPSendFailedException.class, () -> Transport.send(message(smtp, false, "bob@example.org")));

            assertThat(failure.getReturnCode()).isEqualTo(451);
            assertThat(failure.getCommand()).isEqualTo("DATA");
            assertThat(failure).hasMessage("451 4.3.0 Try again later\n");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("bob@example.org");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void a_permanent_failure_at_the_end_of_data_fails_the_send_and_nothing_is_kept() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().willReply(554, "5.7.1", "Looks like spam"));

            SMTPSendFailedException failure = catchThrowableOfType(
                    SMTPSendFailedException.class, () -> Transport.send(message(smtp, false, "bob@example.org")));

            assertThat(failure.getReturnCode()).isEqualTo(554);
            assertThat(failure.getCommand()).isEqualTo(".");
            assertThat(failure).hasMessage("554 5.7.1 Looks like spam\n");
            assertThat(smtp.messages()).isEmpty();
            SessionRecord session = smtp.journal().awaitEndedSessions(1, AWAIT).get(0);
            assertThat(session.transactions())
                    .extracting(TransactionRecord::outcome)
                    .containsExactly(TransactionRecord.Outcome.REJECTED);
        }
    }

    @Test
    void a_retrying_sender_that_gets_451_twice_delivers_one_message_in_three_sessions() throws MessagingException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));

            int attempts = sendWithRetries(message(smtp, false, "bob@example.org"), 5);

            assertThat(attempts).isEqualTo(3);
            assertThat(smtp.messages()).hasSize(1);
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(3, AWAIT);
            assertThat(sessions).hasSize(3);
            assertThat(sessions)
                    .flatExtracting(SessionRecord::transactions)
                    .extracting(transaction ->
                            transaction.finalReply().orElseThrow().code())
                    .containsExactly(451, 451, 250);
        }
    }

    /** Sends, retrying on a new connection after each 4xx; returns the number of attempts. */
    private static int sendWithRetries(MimeMessage message, int maxAttempts) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(message);
                return attempt;
            } catch (SMTPSendFailedException e) {
                if (e.getReturnCode() / 100 != 4 || attempt == maxAttempts) {
                    throw e;
                }
            }
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return List.of(addresses).stream().map(Address::toString).toList();
    }

    private static MimeMessage message(FakeSmtpServer smtp, boolean sendPartial, String... to)
            throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.sendpartial", String.valueOf(sendPartial));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom("ann@example.com");
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject("Hello");
        message.setText("Hi there");
        return message;
    }
}
