package dev.twofifty.samples.readme;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.script.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's example of the server as a plain object, without the JUnit extension. */
@Timeout(30)
class PlainServerTest {

    @Test
    void the_server_is_a_plain_object() throws Exception {
        // tag::plain-object[]
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) { // 127.0.0.1, a free port
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            smtp.stubFor(onMail().willFault(Fault.close()).once()); // drop the first connection at MAIL

            Mailer mailer = new Mailer(smtp.host(), smtp.port()); // your code; this one retries what may work later
            mailer.send(Email.of("shop@example.com", "ann@example.com", "Hello", "Hi Ann"));
            assertThatThrownBy(() -> mailer.send(Email.of("shop@example.com", "bob@blocked.example", "Hi", "Hi Bob")))
                    .hasMessageContaining("550");

            List<ReceivedMessage> received = smtp.awaitMessages(1, Duration.ofSeconds(5));
            assertThat(received.get(0).envelope().recipientAddresses()).containsExactly("ann@example.com");
            System.out.println(smtp.sessions().get(0).transcriptText()); // every line of the dropped session
        }
        // end::plain-object[]
    }
}
