package dev.twofifty.samples.docs;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.assertj.SmtpSoftAssertions;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples of docs/assertj.md, run. */
@SmtpTest
@Timeout(30)
class AssertjDocTest {

    @Test
    void in_a_test() throws Exception {
        // tag::in-a-test[]
        Email invoice = Email.of("billing@example.com", "bob@example.com", "Your invoice", "Dear Bob, 12.00 EUR")
                .withAttachment("invoice.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));

        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(1));

            new Mailer(smtp.host(), smtp.port()).send(invoice); // retries on 4xx

            assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
            assertThat(smtp)
                    .clientRetriedAfterTransientFailure()
                    .hasNoViolations()
                    .hasAllRulesFired();
            assertThat(smtp)
                    .messageTo("bob@example.com")
                    .hasEnvelopeSender("billing@example.com")
                    .hasSubject("Your invoice")
                    .hasTextBodyContaining("Dear Bob", "12.00 EUR")
                    .hasAttachmentNamed("invoice.pdf");
            smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(5));
            assertThat(smtp).lastSession().sentQuitAndWaitedForReply().hasNoBareLineEndings();
        }
        // end::in-a-test[]
    }

    @Test
    void eventually(FakeSmtpServer smtp) throws Exception {
        Mailer mailer = new Mailer(smtp.host(), smtp.port());
        CompletableFuture<Void> sending = CompletableFuture.runAsync(
                () -> { // the application sends in the background
                    try {
                        mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!"));
                        mailer.send(Email.of("shop@example.com", "bob@example.com", "Welcome", "Hello Bob"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        // tag::within[]
        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(2);
        assertThat(smtp).within(Duration.ofSeconds(5)).hasReceivedMessageTo("bob@example.com");
        assertThat(smtp)
                .within(Duration.ofSeconds(5))
                .messageTo("bob@example.com")
                .hasSubject("Welcome");
        // end::within[]

        sending.get(5, TimeUnit.SECONDS);
    }

    @Test
    void soft_assertions(FakeSmtpServer smtp) throws Exception {
        new Mailer(smtp.host(), smtp.port()).send(Email.of("hello@shop.example", "ann@example.com", "Welcome", "Hi"));
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));

        // tag::soft[]
        SmtpSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(smtp).hasReceived(1).hasNoViolations();
            softly.assertThat(smtp).message(0).hasSubject("Welcome").hasNoHtmlBody();
            softly.assertThat(smtp).lastSession().sentQuit();
        });
        // end::soft[]

        MySoftAssertions softly = new MySoftAssertions();
        softly.assertThat(smtp).message(0).hasSubject("Welcome");
        softly.assertThat(smtp.messages()).hasSize(1); // AssertJ's own, from the same object
        softly.assertAll();
    }
}
