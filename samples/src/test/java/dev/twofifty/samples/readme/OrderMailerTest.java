package dev.twofifty.samples.readme;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onMessage;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.SmtpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OrderMailer must try again when the mail server answers "451 Try again later". */
@SmtpTest // a fresh fake server for each test, on 127.0.0.1 and a free port
class OrderMailerTest {

    @Test
    void retries_a_temporary_failure(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));

        new OrderMailer("127.0.0.1", smtp.port()).sendConfirmation("ann@example.com", 42);

        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
        assertThat(smtp).hasSessions(3).clientRetriedAfterTransientFailure();
        assertThat(smtp)
                .message(0)
                .hasEnvelopeRecipients("ann@example.com")
                .hasSubject("Your order 42")
                .hasTextBodyContaining("order 42");
        assertThat(smtp).lastSession().sentQuit().hasNoViolations();
    }
}
