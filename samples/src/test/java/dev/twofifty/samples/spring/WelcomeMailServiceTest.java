package dev.twofifty.samples.spring;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.junit.Lifecycle;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.script.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The Spring Boot sample, tested as it runs: the whole application context, with {@code spring.mail.host}
 * and {@code spring.mail.port} pointing at a fake server that the TwoFifty extension starts before the
 * context and publishes as system properties.
 */
// tag::spring[]
@SmtpTest(lifecycle = Lifecycle.PER_CLASS, hostProperty = "spring.mail.host", portProperty = "spring.mail.port")
@SpringBootTest(properties = "notifications.retry.backoff=10ms") // no need to wait 2 s between attempts here
@DirtiesContext // the context knows this class's server port: another test class must not reuse it
@Timeout(60)
class WelcomeMailServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    WelcomeMailService welcomeMails;

    @Test
    void waits_out_greylisting(FakeSmtpServer smtp) {
        // Greylisting: a recipient is refused with 451 the first time, and accepted when the sender comes back.
        smtp.stubFor(onRcpt().willReply(451, "4.7.1", "Greylisted, please try again later")
                .once()
                .perRecipient());

        welcomeMails.sendWelcome("ann@example.com", "Ann");

        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp).hasSessions(2).clientRetriedAfterTransientFailure().hasAllRulesFired();
        assertThat(smtp).session(0).gotReply("RCPT", 451).didNotSendCommand("DATA");
        assertThat(smtp).session(1).gotReply("RCPT", 250);
    }
    // end::spring[]

    @Test
    void sends_the_welcome_mail(FakeSmtpServer smtp) {
        welcomeMails.sendWelcome("ann@example.com", "Ann");

        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp)
                .message(0)
                .hasEnvelopeSender("hello@shop.example")
                .hasEnvelopeRecipients("ann@example.com")
                .hasSubject("Welcome, Ann!")
                .hasTextBodyContaining("your account is ready");
        assertThat(smtp).lastSession().hasNoViolations();
    }

    @Test
    void gives_up_on_a_hard_bounce(FakeSmtpServer smtp) {
        smtp.stubFor(onRcpt().willReply(550, "5.1.1", "No such user here"));

        MailDeliveryException bounce = catchThrowableOfType(
                MailDeliveryException.Permanent.class, () -> welcomeMails.sendWelcome("nobody@example.com", "Nobody"));

        assertThat(bounce.replyCode()).isEqualTo(550);
        assertThat(smtp).hasReceivedNothing().hasSessions(1); // no second attempt
    }

    @Test
    void tries_again_when_the_connection_drops(FakeSmtpServer smtp) {
        smtp.stubFor(onMail().willFault(Fault.close()).once()); // the server hangs up instead of answering MAIL

        welcomeMails.sendWelcome("ann@example.com", "Ann");

        assertThat(smtp).within(WAIT).hasReceived(1);
        smtp.journal().awaitEndedSessions(2, WAIT);
        assertThat(smtp).session(0).endedBy(SessionEnd.FAULT).didNotSendCommand("RCPT");
        assertThat(smtp).session(1).sentQuit();
    }

    @Test
    void stops_after_the_configured_attempts(FakeSmtpServer smtp) {
        smtp.stubFor(onConnect().willReply(421, "4.3.2", "Too busy, come back later"));

        MailDeliveryException failure = catchThrowableOfType(
                MailDeliveryException.Transient.class, () -> welcomeMails.sendWelcome("ann@example.com", "Ann"));

        assertThat(failure.replyCode()).isEqualTo(421);
        assertThat(smtp).hasReceivedNothing().hasSessions(3);
    }
    // tag::spring[]
}
// end::spring[]
