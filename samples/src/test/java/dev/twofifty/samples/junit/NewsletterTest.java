package dev.twofifty.samples.junit;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.junit.FakeSmtpExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NewsletterTest {

    @RegisterExtension
    static FakeSmtpExtension smtp = FakeSmtpExtension.builder()
            .configure(config -> config.enable(SmtpExtension.STARTTLS)
                    .credentials("newsletter", "secret")
                    .limits(Limits.DEFAULTS.withMaxRecipients(10)))
            .stubs(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"))
            .publishHostAs("spring.mail.host")
            .publishPortAs("spring.mail.port")
            .failOnViolations()
            .build();

    // The application finds the server through the published properties, as a Spring Boot application would.
    private final Newsletter newsletter =
            new Newsletter(System.getProperty("spring.mail.host"), Integer.getInteger("spring.mail.port"));

    @Test
    void skips_blocked_recipients() {
        smtp.stubFor(onMessage().willDelay(Duration.ofMillis(200))); // the extension is a FakeSmtp

        List<String> refused = newsletter.sendTo(List.of("ann@example.com", "bob@blocked.example"));

        assertThat(refused).containsExactly("bob@blocked.example");
        List<ReceivedMessage> received = smtp.awaitMessages(1, Duration.ofSeconds(5));
        assertThat(received.get(0).envelope().recipientAddresses()).containsExactly("ann@example.com");
    }
}
