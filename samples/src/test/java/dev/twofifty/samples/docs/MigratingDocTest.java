package dev.twofifty.samples.docs;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/migrating.md: the TwoFifty side of each task. */
@SmtpTest
@Timeout(30)
class MigratingDocTest {

    private static final Email WELCOME = Email.of("hello@shop.example", "ann@example.com", "Welcome", "Hello Ann");

    private Mailer mailer;

    @BeforeEach
    void the_application(FakeSmtpServer smtp) {
        mailer = new Mailer(smtp.host(), smtp.port());
    }

    @Test
    void wait_for_mail(FakeSmtpServer smtp) throws Exception {
        mailer.send(WELCOME);

        // tag::wait[]
        List<ReceivedMessage> messages = smtp.awaitMessages(1, Duration.ofSeconds(5)); // no polling, no sleep
        // or, with twofifty-assertj:
        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
        // end::wait[]

        assertThat(messages).hasSize(1);
    }

    @Test
    void read_a_message(FakeSmtpServer smtp) throws Exception {
        mailer.send(WELCOME);
        smtp.awaitMessages(1, Duration.ofSeconds(5));

        // tag::read[]
        ReceivedMessage message = smtp.messages().get(0);
        assertThat(message.subject()).isEqualTo("Welcome");
        assertThat(message.parsed().textBody().orElseThrow()).startsWith("Hello Ann");
        assertThat(message.envelope().recipientAddresses()).containsExactly("ann@example.com");
        // or, with twofifty-assertj:
        assertThat(smtp)
                .message(0)
                .hasSubject("Welcome")
                .hasTextBody("Hello Ann")
                .hasEnvelopeRecipients("ann@example.com");
        // end::read[]
    }

    @Test
    void reject_a_recipient(FakeSmtpServer smtp) throws Exception {
        // tag::reject[]
        smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));

        assertThatThrownBy(() -> mailer.send(Email.of("hello@shop.example", "bob@blocked.example", "Hi", "Hello")))
                .hasMessageContaining("550");
        assertThat(smtp).hasReceivedNothing().lastSession().gotReply("RCPT", 550);
        // end::reject[]
    }

    @Test
    void fail_then_succeed(FakeSmtpServer smtp) throws Exception {
        // tag::fail-twice[]
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2)); // then the default 250

        mailer.send(WELCOME); // up to three attempts

        assertThat(smtp).hasReceived(1).hasSessions(3).clientRetriedAfterTransientFailure();
        // end::fail-twice[]
    }

    @Test
    void bcc(FakeSmtpServer smtp) throws Exception {
        // tag::bcc[]
        mailer.send(WELCOME.withCc("bob@example.com").withBcc("audit@example.com"));

        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1); // one message per transaction
        assertThat(smtp)
                .message(0)
                .hasEnvelopeRecipients("ann@example.com", "bob@example.com", "audit@example.com")
                .hasBlindRecipients("audit@example.com");
        // end::bcc[]
    }
}
