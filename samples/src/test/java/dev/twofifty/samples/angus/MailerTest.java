package dev.twofifty.samples.angus;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.script.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plain Angus Mail sample: {@link Mailer} against a fake server that is fresh for each test. What
 * arrived is checked with TwoFifty's assertions: the envelope, the headers, the bodies, the attachments
 * and how the client behaved on the wire.
 */
@SmtpTest(failOnViolations = true) // a test also fails when the client breaks the SMTP protocol
@Timeout(30)
class MailerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private Mailer mailer;

    @BeforeEach
    void connect_the_mailer(FakeSmtpServer smtp) {
        mailer = new Mailer(smtp.host(), smtp.port());
    }

    @Test
    void sends_a_text_mail(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("Shop <shop@example.com>", "ann@example.com", "Your order 42", "Thank you!"));

        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp)
                .message(0)
                .hasEnvelopeSender("shop@example.com")
                .hasEnvelopeRecipients("ann@example.com")
                .hasFromHeader("shop@example.com")
                .hasToHeader("ann@example.com")
                .hasSubject("Your order 42")
                .hasContentType("text/plain")
                .hasTextBody("Thank you!")
                .hasNoHtmlBody()
                .hasAttachments(0);
        assertThat(smtp).lastSession().hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
    }

    @Test
    void sends_html_with_a_text_alternative(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("shop@example.com", "ann@example.com", "Spring sale", "Everything at half price.")
                .withHtml("<h1>Spring sale</h1><p>Everything at <b>half</b> price.</p>"));

        assertThat(smtp)
                .within(WAIT)
                .message(0)
                .hasContentType("multipart/alternative")
                .hasTextBody("Everything at half price.")
                .hasHtmlBodyContaining("<b>half</b>")
                .hasAttachments(0);
    }

    @Test
    void sends_attachments(FakeSmtpServer smtp) throws Exception {
        byte[] pdf = "%PDF-1.7 not really a PDF".getBytes(StandardCharsets.US_ASCII);
        byte[] csv = "item;price\r\nbook;12.00\r\n".getBytes(StandardCharsets.UTF_8);

        mailer.send(Email.of("billing@example.com", "ann@example.com", "Invoice 2024-001", "Attached.")
                .withHtml("<p>Attached.</p>")
                .withAttachment("invoice.pdf", "application/pdf", pdf)
                .withAttachment("items.csv", "text/csv", csv));

        assertThat(smtp)
                .within(WAIT)
                .message(0)
                .hasContentType("multipart/mixed")
                .hasTextBody("Attached.")
                .hasHtmlBodyContaining("<p>Attached.</p>")
                .hasAttachments(2)
                .hasAttachmentNamed("items.csv")
                .attachment("invoice.pdf")
                .hasContentType("application/pdf")
                .hasContent(pdf);
    }

    @Test
    void keeps_utf8_text_intact(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("Jörg Müller <joerg@example.com>", "ann@example.com", "Grüße aus Köln", "Schöne Grüße 👋")
                .withAttachment(
                        "Rechnung März.txt",
                        "text/plain; charset=UTF-8",
                        "Fällig: 12,00 €".getBytes(StandardCharsets.UTF_8)));

        assertThat(smtp)
                .within(WAIT)
                .message(0)
                .hasSubject("Grüße aus Köln")
                .hasTextBody("Schöne Grüße 👋")
                .hasCharset("UTF-8")
                .attachment("Rechnung März.txt")
                .hasTextContent("Fällig: 12,00 €");
        // Headers stay 7-bit: encoded words (RFC 2047), which TwoFifty decodes for the checks above.
        assertThat(smtp.messages().get(0).parsed().from()).containsExactly("Jörg Müller <joerg@example.com>");
        assertThat(smtp.messages().get(0).rawText())
                .contains("Subject: =?UTF-8?")
                .doesNotContain("Grüße");
    }

    @Test
    void puts_bcc_recipients_in_the_envelope_only(FakeSmtpServer smtp) throws Exception {
        mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!")
                .withCc("bob@example.com")
                .withBcc("audit@example.com"));

        // One message for the transaction, never one copy per recipient.
        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp)
                .message(0)
                .hasEnvelopeRecipients("ann@example.com", "bob@example.com", "audit@example.com")
                .hasToHeader("ann@example.com")
                .hasCcHeader("bob@example.com")
                .hasBlindRecipients("audit@example.com")
                .doesNotHaveHeader("Bcc");
    }

    @Test
    void retries_a_temporary_failure(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").once());

        mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!"));

        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp).hasSessions(2).clientRetriedAfterTransientFailure().hasAllRulesFired();
        assertThat(smtp).session(0).gotReply("DATA", 354).transcript().containsServerLine("451 4.3.0 Try again later");
    }

    @Test
    void gives_up_at_once_on_a_permanent_failure(FakeSmtpServer smtp) {
        smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));

        assertThatThrownBy(() -> mailer.send(Email.of("shop@example.com", "bob@blocked.example", "Hi", "Hello")))
                .isInstanceOfSatisfying(MailDeliveryException.class, failure -> {
                    assertThat(failure.replyCode()).isEqualTo(550);
                    assertThat(failure.isTransient()).isFalse();
                });

        assertThat(smtp).hasReceivedNothing().hasSessions(1);
        assertThat(smtp).session(0).gotReply("RCPT", 550).didNotSendCommand("DATA");
    }

    @Test
    void retries_when_the_connection_drops_in_the_middle_of_the_message(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onData().willFault(Fault.closeAfterContentBytes(20)).once());

        mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!"));

        assertThat(smtp).within(WAIT).hasReceived(1);
        smtp.journal().awaitEndedSessions(2, WAIT);
        assertThat(smtp).session(0).endedBy(SessionEnd.FAULT);
        assertThat(smtp).session(1).sentQuit();
    }

    @Test
    void stops_after_three_attempts(FakeSmtpServer smtp) {
        smtp.stubFor(onConnect().willReply(421, "4.3.2", "Service not available"));

        assertThatThrownBy(() -> mailer.send(Email.of("shop@example.com", "ann@example.com", "Hi", "Hello")))
                .isInstanceOfSatisfying(MailDeliveryException.class, failure -> {
                    assertThat(failure.replyCode()).isEqualTo(421);
                    assertThat(failure.isTransient()).isTrue();
                });

        assertThat(smtp).hasReceivedNothing().hasSessions(3);
    }
}
