package dev.twofifty.samples.guide;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onConnect;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.Lifecycle;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/guide.md, "JUnit options": one server for a class and its {@code @Nested} classes. */
// tag::shared[]
@SmtpTest(lifecycle = Lifecycle.PER_CLASS) // one server for the class and its @Nested classes, reset before each test
class SharedServerTest {

    static final Email ORDER = Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!");

    @Test
    void confirms_the_order(FakeSmtpServer smtp) throws Exception {
        new Mailer(smtp.host(), smtp.port()).send(ORDER);

        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
    }

    @Nested
    class WhenTheServerIsDown {

        @BeforeEach
        void take_it_down(FakeSmtpServer smtp) { // the same server; the rule is gone after the test
            smtp.stubFor(onConnect().willReply(421, "4.3.2", "Down for maintenance"));
        }

        @Test
        void nothing_arrives(FakeSmtpServer smtp) {
            assertThatThrownBy(() -> new Mailer(smtp.host(), smtp.port()).send(ORDER))
                    .hasMessageContaining("421");

            assertThat(smtp).hasReceivedNothing().hasSessions(3); // three attempts
        }
    }
}
// end::shared[]
