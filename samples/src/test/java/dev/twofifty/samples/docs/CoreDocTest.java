package dev.twofifty.samples.docs;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.Strictness;
import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.script.Action;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples of docs/core.md, run. */
@SmtpTest
@Timeout(30)
class CoreDocTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void starting_and_stopping() throws Exception {
        // tag::start[]
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) { // 127.0.0.1, an ephemeral port
            String host = smtp.host(); // "127.0.0.1"
            int port = smtp.port(); // the actual port
            new Mailer(host, port).send(Email.of("shop@example.com", "ann@example.com", "Hello", "Hi Ann"));
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        } // close(): stop accepting, 421 to open sessions
        // end::start[]
    }

    @Test
    void a_configuration() {
        // tag::config[]
        ServerConfig config = ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS) // generated certificate, in memory
                .smtpsPort(0) // also implicit TLS (RFC 8314) on a free port
                .credentials("ann", "secret") // turns AUTH on
                .requireAuth(true)
                .disable(SmtpExtension.PIPELINING)
                .limits(Limits.DEFAULTS.withMaxMessageSize(1_000_000).withMaxRecipients(10))
                .lenient()
                .build();
        // end::config[]
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            assertThat(smtp.smtpsPort()).isPositive();
            assertThat(smtp.config().isEnabled(SmtpExtension.AUTH)).isTrue();
            assertThat(smtp.config().isEnabled(SmtpExtension.PIPELINING)).isFalse();
            assertThat(smtp.config().strictness()).isEqualTo(Strictness.LENIENT);
        }
    }

    @Test
    void the_journal(FakeSmtpServer smtp) throws Exception {
        Mailer mailer = new Mailer(smtp.host(), smtp.port());
        mailer.send(Email.of("ann@example.com", "bob@example.com", "Invoice", "Dear Bob")
                .withBcc("audit@example.com")
                .withHtml("<p>Dear Bob</p>")
                .withAttachment("invoice.pdf", "application/pdf", new byte[] {1, 2, 3}));
        mailer.send(Email.of("ann@example.com", "carl@example.com", "Hello", "Hi Carl"));
        smtp.journal().awaitEndedSessions(2, WAIT);

        // tag::journal[]
        List<ReceivedMessage> messages = smtp.awaitMessages(2, Duration.ofSeconds(5)); // no polling
        ReceivedMessage message = messages.get(0);
        String sender = message.envelope().sender(); // "ann@example.com" ("" for <>)
        List<String> recipients = message.envelope().recipientAddresses(); // Bcc recipients too, unlike the headers
        byte[] raw = message.raw(); // the exact content after dot-unstuffing
        String subject = message.subject(); // decoded, via Jakarta Mail
        Optional<String> text = message.parsed().textBody();
        Optional<String> html = message.parsed().htmlBody();
        List<Attachment> attachments = message.parsed().attachments();
        long sessionId = message.sessionId();
        int transaction = message.transactionIndex();

        SessionRecord session = smtp.sessions().get(0);
        List<TranscriptEntry> transcript = session.transcript(); // every line and event, with time offsets
        List<String> commands = session.commands(); // [EHLO, MAIL, RCPT, RCPT, DATA, QUIT]
        List<Violation> violations = session.violations(); // e.g. BARE_LF_IN_DATA, PIPELINING_NOT_ADVERTISED
        List<TransactionRecord> transactions = session.transactions(); // each with its outcome: ACCEPTED, ...
        Optional<SessionEnd> end = session.endedBy(); // QUIT, CLIENT_CLOSE, SERVER_CLOSE, FAULT, TIMEOUT
        System.out.println(session.transcriptText());
        // end::journal[]

        assertThat(sender).isEqualTo("ann@example.com");
        assertThat(recipients).containsExactly("bob@example.com", "audit@example.com");
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("Subject: Invoice");
        assertThat(subject).isEqualTo("Invoice");
        assertThat(text).contains("Dear Bob");
        assertThat(html).contains("<p>Dear Bob</p>");
        assertThat(attachments).singleElement().extracting(Attachment::fileName).isEqualTo(Optional.of("invoice.pdf"));
        assertThat(sessionId).isEqualTo(session.id());
        assertThat(transaction).isEqualTo(1);
        assertThat(transcript).isNotEmpty();
        assertThat(commands).containsExactly("EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT");
        assertThat(violations).isEmpty();
        assertThat(transactions)
                .extracting(TransactionRecord::outcome)
                .containsExactly(TransactionRecord.Outcome.ACCEPTED);
        assertThat(end).contains(SessionEnd.QUIT);
    }

    @Test
    void scripting(FakeSmtpServer smtp) {
        // tag::scripting[]
        smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2)); // then the default 250
        smtp.stubFor(onMail().willFault(Fault.close()));
        smtp.stubFor(onConnect().willDelay(Duration.ofSeconds(3))); // a slow greeting
        smtp.stubFor(onEhlo().willAdvertise(CapabilityChange.without("PIPELINING")));
        smtp.stubFor(onData().willFault(Fault.closeAfterContentBytes(100))); // drop in mid-content
        smtp.stubFor(onMessage()
                .willReply(451, "4.3.0", "Busy")
                .thenReply(452, "4.3.1", "Full")
                .thenReply(250, "2.0.0", "Fine now")); // a sequence
        // end::scripting[]

        assertThat(smtp.rules()).hasSize(7);
    }

    @Test
    void a_dispatcher(FakeSmtpServer smtp) {
        // tag::dispatcher[]
        smtp.setDispatcher(step -> step.is(Trigger.RCPT) && step.argument().contains("+busy")
                ? Optional.of(Action.reply(451, "4.2.0", "Mailbox busy"))
                : Optional.empty()); // empty: the default decides
        // end::dispatcher[]

        Mailer once = new Mailer(smtp.host(), smtp.port(), 1, WAIT);
        MailDeliveryException busy = catchThrowableOfType(
                MailDeliveryException.class,
                () -> once.send(Email.of("shop@example.com", "ann+busy@example.com", "Hi", "Hello")));
        assertThat(busy.replyCode()).isEqualTo(451);
        assertThat(smtp).session(0).gotReply("RCPT", 451);
    }
}
