package dev.twofifty.samples.junit;

import static dev.twofifty.script.Rules.onMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.SmtpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SmtpTest
class WelcomeMailTest {

    @Test
    void sends_a_welcome_mail(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));

        new WelcomeMailer("127.0.0.1", smtp.port()).send("ann@example.com"); // retries on 4xx

        assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(smtp.sessions()).hasSize(3);
    }
}
