package dev.twofifty.samples.docs;

import static dev.twofifty.journal.TransactionRecord.Outcome.ACCEPTED;
import static dev.twofifty.journal.TransactionRecord.Outcome.REJECTED;
import static dev.twofifty.script.Rules.onMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.samples.overhttp.StandaloneServer;
import dev.twofifty.standalone.RemoteFakeSmtp;
import dev.twofifty.standalone.RemoteOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples of docs/remote-client.md, run against the standalone jar. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RemoteClientDocIT {

    @Test
    void switching_by_one_line() throws Exception {
        try (StandaloneServer server = StandaloneServer.start("--quiet")) {
            URI adminUri = server.adminUri();

            // tag::switch[]
            // FakeSmtp smtp = FakeSmtpServer.start(); // in-process
            FakeSmtp smtp = RemoteFakeSmtp.connect(adminUri); // a running server, e.g. http://127.0.0.1:8025

            smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));

            Email invoice = Email.of("billing@example.com", "bob@example.com", "Invoice", "Total: 12.00 EUR");
            new Mailer(smtp.host(), smtp.port()).send(invoice); // your code, retrying on 4xx

            List<ReceivedMessage> messages = smtp.awaitMessages(1, Duration.ofSeconds(10));
            assertThat(messages.get(0).subject()).isEqualTo("Invoice");
            assertThat(smtp.journal().awaitEndedSessions(3, Duration.ofSeconds(10)))
                    .extracting(session -> session.transactions().get(0).outcome())
                    .containsExactly(REJECTED, REJECTED, ACCEPTED);

            smtp.reset(); // as new for the next test
            // end::switch[]

            assertThat(smtp.messages()).isEmpty();
            ((RemoteFakeSmtp) smtp).close();
        }
    }

    @Test
    void connecting_with_options() throws Exception {
        String token = "s3cret";
        try (StandaloneServer server = StandaloneServer.start("--quiet", "--admin-token", token)) {
            URI adminUri = server.adminUri();

            // tag::options[]
            RemoteFakeSmtp smtp = RemoteFakeSmtp.connect(
                    adminUri, // the "Admin API on http://HOST:PORT" line the server printed
                    RemoteOptions.DEFAULTS
                            .withAdminToken(token) // the server's --admin-token
                            .withRequestTimeout(Duration.ofSeconds(30)) // connect and request timeout (default 10 s)
                            .withSmtpHost("twofifty.ci.internal") // when the reported address does not reach it
                            .withSmtpPort(32525)); // e.g. a container port mapped elsewhere
            // end::options[]

            try (smtp) {
                assertThat(smtp.host()).isEqualTo("twofifty.ci.internal");
                assertThat(smtp.port()).isEqualTo(32525);
                assertThat(smtp.rules()).isEmpty(); // the token was accepted
            }
        }
    }

    @Test
    void starting_the_jar_from_a_test() throws Exception {
        String jar = StandaloneServer.jar().toString();

        // tag::start-jar[]
        Process process =
                new ProcessBuilder("java", "-jar", jar, "--smtp-port", "0", "--admin-port", "0", "--quiet").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        out.readLine(); // SMTP listening on 127.0.0.1:41234
        String admin = out.readLine().substring("Admin API on ".length()); // http://127.0.0.1:39876
        try (RemoteFakeSmtp smtp = RemoteFakeSmtp.connect(URI.create(admin))) {
            new Mailer(smtp.host(), smtp.port()).send(Email.of("a@example.com", "b@example.com", "Hi", "Hello"));
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        } finally {
            process.destroy();
        }
        // end::start-jar[]

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
}
