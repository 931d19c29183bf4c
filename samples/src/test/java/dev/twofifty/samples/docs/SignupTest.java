package dev.twofifty.samples.docs;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The application sends a welcome mail when someone signs up. */
// tag::start[]
@SmtpTest // a fresh server on 127.0.0.1 and a free port for each test; JUnit stops it
class SignupTest {

    @Test
    void sends_a_welcome_mail(FakeSmtpServer smtp) throws Exception {
        Mailer mailer = new Mailer(smtp.host(), smtp.port()); // your code, pointed at the fake server

        mailer.send(Email.of("hello@shop.example", "ann@example.com", "Welcome", "Hello Ann"));

        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
    }
}
// end::start[]
