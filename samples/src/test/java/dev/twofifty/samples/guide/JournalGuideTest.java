package dev.twofifty.samples.guide;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.samples.guide.ScriptingGuideTest.mailTo;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.SmtpListener;
import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.ParsedMessage;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/guide.md, "What the server saw": the journal, waits and assertions. */
@SmtpTest
@Timeout(30)
class JournalGuideTest {

    private Mailer mailer;

    @BeforeEach
    void the_application(FakeSmtpServer smtp) {
        mailer = new Mailer(smtp.host(), smtp.port(), 1, Duration.ofSeconds(2));
    }

    @Test
    void messages(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("Shop <shop@example.com>", "ann@example.com", "Your invoice", "Thank you!")
                .withHtml("<p>Thank you!</p>")
                .withAttachment("invoice.pdf", "application/pdf", new byte[] {'%', 'P', 'D', 'F'}));

        // tag::messages[]
        ReceivedMessage message = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.envelope().sender()).isEqualTo("shop@example.com"); // MAIL FROM
        assertThat(message.envelope().recipientAddresses()).containsExactly("ann@example.com"); // RCPT TO
        assertThat(message.rawText()).startsWith("Date: "); // exactly as received (after dot-unstuffing)

        ParsedMessage parsed = message.parsed(); // the MIME view, decoded
        assertThat(parsed.from()).containsExactly("Shop <shop@example.com>");
        assertThat(parsed.subject()).contains("Your invoice");
        assertThat(parsed.textBody()).contains("Thank you!");
        assertThat(parsed.htmlBody()).contains("<p>Thank you!</p>");
        assertThat(parsed.attachments()).extracting(Attachment::fileName).containsExactly(Optional.of("invoice.pdf"));
        // end::messages[]
    }

    @Test
    void sessions(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").once());
        assertThatThrownBy(() -> mailer.send(mailTo("ann@example.com"))).hasMessageContaining("451");

        // tag::sessions[]
        SessionRecord session =
                smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5)).get(0);
        assertThat(session.commands())
                .startsWith("EHLO", "MAIL", "RCPT", "DATA")
                .endsWith("QUIT");
        assertThat(session.transactions())
                .extracting(TransactionRecord::outcome)
                .containsExactly(TransactionRecord.Outcome.REJECTED);
        assertThat(session.violations()).isEmpty(); // bare LF, pipelining unasked, no QUIT, ...
        System.out.println(session.transcriptText()); // every line both ways, with times
        // end::sessions[]
    }

    @Test
    void waits(FakeSmtpServer smtp) throws Exception {
        // tag::waits[]
        CompletableFuture<Void> sending = CompletableFuture.runAsync(
                () -> { // the application, in the background
                    try {
                        mailer.send(mailTo("ann@example.com"));
                        mailer.send(mailTo("bob@example.com"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        List<ReceivedMessage> two = smtp.awaitMessages(2, Duration.ofSeconds(5)); // back as the second arrives
        List<SessionRecord> ended = smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(5));
        CompletableFuture<List<ReceivedMessage>> three = smtp.journal().whenMessages(3); // without blocking

        assertThatThrownBy(() -> smtp.awaitMessages(3, Duration.ofMillis(200)))
                .isInstanceOf(AwaitTimeoutException.class) // and it says what did arrive:
                .hasMessageStartingWith("Expected at least 3 messages within 200 ms but 2 arrived");
        // end::waits[]

        sending.get(5, TimeUnit.SECONDS);
        assertThat(two).hasSize(2);
        assertThat(ended).hasSize(2);
        assertThat(three).isNotDone();
    }

    @Test
    void listeners(FakeSmtpServer smtp) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        // tag::listener[]
        smtp.addListener(
                new SmtpListener() { // called on the server's I/O threads: return quickly
                    @Override
                    public void messageReceived(ReceivedMessage message) {
                        log.add("received " + message.subject());
                    }

                    @Override
                    public void sessionEnded(SessionRecord session) {
                        log.add("session " + session.id() + " ended by "
                                + session.endedBy().orElseThrow());
                    }
                });
        // end::listener[]

        mailer.send(mailTo("ann@example.com"));
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
        assertThat(log).containsExactly("received Hello", "session 1 ended by QUIT");
    }

    @Test
    void assertions(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!")
                .withBcc("audit@example.com")
                .withAttachment("order.csv", "text/csv", "id;total\r\n42;12.00\r\n".getBytes()));
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));

        // tag::assertions[]
        assertThat(smtp)
                .hasReceived(1)
                .hasReceivedMessageTo("audit@example.com")
                .hasNoViolations();
        assertThat(smtp)
                .message(0)
                .hasEnvelopeSender("shop@example.com")
                .hasToHeader("ann@example.com")
                .hasBlindRecipients("audit@example.com") // in the envelope, in no header
                .hasSubject("Your order")
                .hasTextBody("Thank you!")
                .attachment("order.csv")
                .hasContentType("text/csv")
                .hasTextContent("id;total\r\n42;12.00\r\n");
        assertThat(smtp)
                .session(0)
                .hasCommands("EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT")
                .didNotPipeline()
                .sentQuitAndWaitedForReply()
                .transcript()
                .containsClientLine("RCPT TO:<audit@example.com>");
        // end::assertions[]
    }

    @Test
    void unfired_rules(FakeSmtpServer smtp) throws Exception {
        // tag::near-miss[]
        smtp.stubFor(onRcptTo(domain("blocked.exmaple")).willReply(550, "5.1.1", "No such user")); // a typo

        mailer.send(mailTo("bob@blocked.example")); // accepted: the rule never matched

        assertThatThrownBy(() -> assertThat(smtp).hasAllRulesFired())
                .hasMessageContaining("never fired. Closest steps:")
                .hasMessageContaining("RCPT TO:<bob@blocked.example> (session 1)")
                .hasMessageContaining("domain: expected \"blocked.exmaple\" but was <bob@blocked.example>");
        // end::near-miss[]
    }
}
