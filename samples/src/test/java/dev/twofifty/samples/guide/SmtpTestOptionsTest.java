package dev.twofifty.samples.guide;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onMessage;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.SmtpExtension;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/guide.md, "JUnit options": the attributes of {@code @SmtpTest}. */
// tag::options[]
@SmtpTest(
        tls = true, // offer STARTTLS, with a generated certificate
        auth = "ann:secret", // accept this user; turns AUTH on
        requireAuth = true, // "530 5.7.0" to MAIL before AUTH
        disable = SmtpExtension.CHUNKING, // do not offer BDAT
        maxMessageSize = 100_000, // advertised as SIZE 100000
        failOnViolations = true, // fail a passing test when the client broke the protocol
        failOnUnfiredRules = true) // ... or when a rule it added never fired
class SmtpTestOptionsTest {

    @Test
    void authenticates(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(250, "2.0.0", "Queued as 42")); // must fire, or the test fails

        new Mailer(smtp.host(), smtp.port())
                .withCredentials("ann", "secret")
                .send(Email.of("shop@example.com", "ann@example.com", "Hello", "Hi"));

        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
        assertThat(smtp).lastSession().isAuthenticatedAs("ann");
    }
}
// end::options[]
