package dev.twofifty.samples.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.samples.failover.FailoverMailer.Route;
import dev.twofifty.script.Fault;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failover sample with both sides faked: TwoFifty plays the SMTP server and fails in scripted ways,
 * WireMock plays the HTTP e-mail API. Each test verifies both: what the SMTP server saw, and what the
 * API was (or was not) sent.
 */
@SmtpTest
@Timeout(30)
class FailoverMailerTest {

    // tag::failover[]
    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();
    // end::failover[]

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Email ORDER = Email.of("shop@example.com", "ann@example.com", "Your order 42", "Thank you!");

    private FailoverMailer mailer;

    @BeforeEach
    void wire_the_mailer_to_both_fakes(FakeSmtpServer smtp) {
        api.stubFor(post("/v1/messages")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"msg-7f3a\"}")));
        mailer = new FailoverMailer(
                new Mailer(smtp.host(), smtp.port(), 1, Duration.ofSeconds(2)), // one attempt, then fail over
                new HttpMailApi(URI.create(api.baseUrl()), "test-key", Duration.ofSeconds(5)));
    }

    @Test
    void uses_smtp_while_it_works(FakeSmtpServer smtp) throws Exception {
        assertThat(mailer.send(ORDER)).isEqualTo(Route.SMTP);

        assertThat(smtp).within(WAIT).hasReceived(1);
        assertThat(smtp).message(0).hasEnvelopeRecipients("ann@example.com").hasSubject("Your order 42");
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    // tag::failover[]
    @Test
    void fails_over_when_the_server_is_shutting_down(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onConnect().willReply(421, "4.3.2", "Service shutting down"));

        assertThat(mailer.send(ORDER)).isEqualTo(Route.HTTP_API);

        assertThat(smtp).hasReceivedNothing().session(0).didNotSendCommand("MAIL");
        api.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(equalToJson("""
                        {"from": "shop@example.com", "to": ["ann@example.com"], "cc": [], "bcc": [],
                         "subject": "Your order 42", "text": "Thank you!", "html": null, "attachments": []}
                        """)));
    }
    // end::failover[]

    @Test
    void fails_over_on_a_temporary_failure_at_the_end_of_the_message(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMessage().willReply(451, "4.3.0", "Queue full, try again later"));

        assertThat(mailer.send(ORDER)).isEqualTo(Route.HTTP_API);

        // The server saw the whole message but did not take it: it is not in the journal.
        assertThat(smtp).hasReceivedNothing().session(0).gotReply("DATA", 354);
        api.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void fails_over_when_the_connection_drops_in_the_middle_of_the_message(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onData().willFault(Fault.closeAfterContentBytes(10)));

        assertThat(mailer.send(ORDER)).isEqualTo(Route.HTTP_API);

        smtp.journal().awaitEndedSessions(1, WAIT);
        assertThat(smtp).hasReceivedNothing().session(0).endedBy(SessionEnd.FAULT);
        api.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void fails_over_when_the_server_stops_answering(FakeSmtpServer smtp) throws Exception {
        smtp.stubFor(onMail().willFault(Fault.stall())); // reads MAIL, never replies
        FailoverMailer impatient = new FailoverMailer(
                new Mailer(smtp.host(), smtp.port(), 1, Duration.ofMillis(300)),
                new HttpMailApi(URI.create(api.baseUrl()), "test-key", Duration.ofSeconds(5)));

        assertThat(impatient.send(ORDER)).isEqualTo(Route.HTTP_API);

        assertThat(smtp).hasReceivedNothing().session(0).sentCommand("MAIL").didNotSendCommand("RCPT");
        api.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void does_not_fail_over_when_the_recipient_does_not_exist(FakeSmtpServer smtp) {
        smtp.stubFor(onRcpt().willReply(550, "5.1.1", "No such user"));

        MailDeliveryException bounce = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(ORDER));

        assertThat(bounce.replyCode()).isEqualTo(550);
        assertThat(smtp).hasReceivedNothing().session(0).gotReply("RCPT", 550);
        api.verify(0, anyRequestedFor(anyUrl())); // another route would get the same answer
    }

    @Test
    void reports_both_failures_when_the_api_fails_too(FakeSmtpServer smtp) {
        smtp.stubFor(onConnect().willReply(421, "4.3.2", "Service shutting down"));
        api.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(503).withBody("maintenance")));

        HttpMailApiException failure = catchThrowableOfType(HttpMailApiException.class, () -> mailer.send(ORDER));

        assertThat(failure).hasMessage("The e-mail API answered 503: maintenance");
        assertThat(failure.getSuppressed()) // what SMTP said is kept
                .singleElement()
                .asInstanceOf(type(MailDeliveryException.class))
                .extracting(MailDeliveryException::replyCode)
                .isEqualTo(421);
        assertThat(smtp).hasReceivedNothing();
        api.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
    }
}
