package dev.twofifty.samples.guide;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.header;
import static dev.twofifty.script.Matchers.localPart;
import static dev.twofifty.script.Matchers.not;
import static dev.twofifty.script.Matchers.sender;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMailFrom;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static dev.twofifty.script.Rules.onStartTls;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Delay;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/guide.md, "Scripting the server": rules, matchers, replies, delays, faults, sequences, scenarios. */
@SmtpTest
@Timeout(30)
class ScriptingGuideTest {

    private Mailer mailer;

    @BeforeEach
    void the_application(FakeSmtpServer smtp) {
        mailer = new Mailer(smtp.host(), smtp.port(), 1, Duration.ofSeconds(2)); // one attempt per mail
    }

    static Email mailTo(String address) {
        return Email.of("shop@example.com", address, "Hello", "Hi there");
    }

    @Test
    void a_rule(FakeSmtpServer smtp) throws Exception {
        // tag::rule[]
        smtp.stubFor(onRcptTo(domain("blocked.example")) // the step (RCPT) and a condition
                .willReply(550, "5.1.1", "No such user") // what happens instead of the default
                .times(1)); // how often; then the rule falls through to the default

        assertThatThrownBy(() -> mailer.send(mailTo("bob@blocked.example"))).hasMessageContaining("550");
        mailer.send(mailTo("bob@blocked.example")); // accepted: the rule is used up
        mailer.send(mailTo("ann@example.com")); // accepted: the condition does not match
        // end::rule[]

        assertThat(smtp).hasReceived(2);
    }

    @Test
    void matchers(FakeSmtpServer smtp) throws Exception {
        // tag::matchers[]
        smtp.stubFor(onRcptTo(domain("example.org").and(not(localPart("postmaster"))))
                .willReply(550, "5.1.1", "No such user"));
        smtp.stubFor(onMailFrom(sender("")).willReply(550, "5.7.1", "No bounces here")); // "" is <>
        smtp.stubFor(onMessage().matching(header("Subject", "(?i).*winner.*")).willReply(554, "5.7.1", "Spam"));

        mailer.send(mailTo("postmaster@example.org")); // accepted
        assertThatThrownBy(() -> mailer.send(mailTo("bob@example.org"))).hasMessageContaining("550");
        assertThatThrownBy(() -> mailer.send(Email.of("shop@example.com", "ann@example.com", "You are a WINNER", "!")))
                .hasMessageContaining("554");
        // end::matchers[]

        assertThat(smtp).hasReceived(1);
    }

    @Test
    void replies(FakeSmtpServer smtp) {
        // tag::replies[]
        smtp.stubFor(onConnect().willReply(554, "5.3.2", "No service here")); // any step, the greeting too
        smtp.stubFor(onMessage().willReply(554, "5.7.1", "Rejected", "for its content")); // several lines

        assertThatThrownBy(() -> mailer.send(mailTo("ann@example.com"))).hasMessageContaining("554");
        assertThat(smtp).session(0).transcript().containsServerLine("554 5.3.2 No service here");
        // end::replies[]

        smtp.resetRules();
        smtp.stubFor(onMessage().willReply(554, "5.7.1", "Rejected", "for its content"));
        assertThatThrownBy(() -> mailer.send(mailTo("ann@example.com"))).hasMessageContaining("554");
        assertThat(smtp)
                .session(1)
                .transcript()
                .containsServerLine("554-5.7.1 Rejected")
                .containsServerLine("554 5.7.1 for its content");
    }

    @Test
    void the_reply_decides(FakeSmtpServer smtp) throws Exception {
        // tag::reply-decides[]
        smtp.stubFor(onMessage().willReply(250, "2.0.0", "Queued as ABC123")); // a 2xx: the message is taken
        mailer.send(mailTo("ann@example.com"));

        smtp.stubFor(onRcpt().willReply(421, "4.3.2", "Closing")); // a 421, at any step: the server hangs up
        assertThatThrownBy(() -> mailer.send(mailTo("bob@example.com"))).isInstanceOf(MailDeliveryException.class);

        smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(5));
        assertThat(smtp).hasReceived(1).session(1).gotReply("RCPT", 421).endedBy(SessionEnd.SERVER_CLOSE);
        // end::reply-decides[]
    }

    @Test
    void delays(FakeSmtpServer smtp) {
        // tag::delays[]
        smtp.stubFor(onMail().willDelay(Duration.ofSeconds(3))); // longer than the client waits (2 s)

        assertThatThrownBy(() -> mailer.send(mailTo("ann@example.com")))
                .hasMessageContaining("No reply from the SMTP server");
        assertThat(smtp).hasReceivedNothing();
        // end::delays[]
    }

    @Test
    void random_and_slow_replies(FakeSmtpServer smtp) throws Exception {
        // tag::slow[]
        smtp.stubFor(onConnect()
                .willDelay(Delay.uniform(Duration.ofMillis(10), Duration.ofMillis(50))
                        .withSeed(42)));
        smtp.stubFor(onMail().willDrip(Duration.ofMillis(200))); // the reply byte by byte over 200 ms
        smtp.stubFor(onRcpt().willFragment(Duration.ofMillis(20), 3, 4)); // "250", " ", the rest
        smtp.stubFor(onMessage()
                .willDelay(Delay.logNormal(Duration.ofMillis(20), 0.5).withSeed(7)));

        mailer.send(mailTo("ann@example.com")); // slow, but within the client's timeouts
        // end::slow[]

        assertThat(smtp).hasReceived(1).hasAllRulesFired();
    }

    @Test
    void faults(FakeSmtpServer smtp) throws Exception {
        // tag::faults[]
        Email ann = mailTo("ann@example.com");
        smtp.stubFor(onConnect().willFault(Fault.close()).once()); // FIN: the connection closes, no greeting
        smtp.stubFor(onMail().willFault(Fault.reset()).once()); // RST instead of a reply to MAIL
        smtp.stubFor(onData().willFault(Fault.closeAfterContentBytes(10)).once()); // 354, then a drop in mid-message

        assertThatThrownBy(() -> mailer.send(ann)).hasMessageContaining("No reply"); // closed at the greeting
        assertThatThrownBy(() -> mailer.send(ann)).hasMessageContaining("No reply"); // reset at MAIL
        assertThatThrownBy(() -> mailer.send(ann)).hasMessageContaining("No reply"); // dropped during DATA
        mailer.send(ann); // every fault is used up

        smtp.journal().awaitEndedSessions(4, Duration.ofSeconds(5));
        assertThat(smtp).hasReceived(1).session(2).endedBy(SessionEnd.FAULT);
        // end::faults[]
        assertThat(smtp).hasAllRulesFired();
    }

    @Test
    void more_faults(FakeSmtpServer smtp) {
        // tag::more-faults[]
        Rule stall = onMail().willFault(Fault.stall()); // never reply; the connection stays open
        Rule goodbye = onRcpt().willReply(421, "4.3.2", "Bye").willFault(Fault.replyThenClose()); // reply, then close
        // Not an SMTP server at all: an HTTP answer instead of the greeting, then close.
        Rule notSmtp = onConnect().willFault(Fault.garbageThenClose("HTTP/1.1 400 Bad Request\r\n".getBytes(US_ASCII)));
        Rule slowReader = onData().willFault(Fault.stopReading()); // 354, then stop reading: big writes block
        Rule badTls = onStartTls().willFault(Fault.tlsHandshakeFailure()); // 220, then a TLS handshake_failure alert
        // end::more-faults[]

        Email big = Email.of("shop@example.com", "ann@example.com", "Big", "x".repeat(8_000_000));
        Mailer impatient = new Mailer(smtp.host(), smtp.port(), 1, Duration.ofMillis(500));
        for (Rule rule : List.of(stall, goodbye, notSmtp, slowReader)) {
            smtp.reset();
            smtp.stubFor(rule);
            assertThatThrownBy(() -> impatient.send(rule == slowReader ? big : mailTo("ann@example.com")))
                    .as(rule.describe())
                    .isInstanceOf(MailDeliveryException.class);
        }
        smtp.stubFor(badTls); // valid on STARTTLS only; this mailer does not use STARTTLS
        assertThat(smtp).hasReceivedNothing();
    }

    @Test
    void sequences(FakeSmtpServer smtp) throws Exception {
        Mailer mailer = new Mailer(smtp.host(), smtp.port(), 3, Duration.ofSeconds(2)); // up to three attempts

        // tag::sequence[]
        smtp.stubFor(onMessage()
                .willReply(451, "4.3.0", "Busy")
                .thenReply(452, "4.3.1", "Disk full")
                .thenDefault()); // one action per firing, in order; then the rule falls through

        mailer.send(mailTo("ann@example.com")); // the third attempt gets the default 250

        assertThat(smtp).hasReceived(1).hasSessions(3).clientRetriedAfterTransientFailure();
        // end::sequence[]
    }

    @Test
    void counted_per_recipient(FakeSmtpServer smtp) throws Exception {
        // tag::scope[]
        smtp.stubFor(onRcpt().willReply(451, "4.7.1", "Greylisted").once().perRecipient());

        assertThatThrownBy(() -> mailer.send(mailTo("ann@example.com"))).hasMessageContaining("451");
        mailer.send(mailTo("ann@example.com")); // ann's second attempt passes
        assertThatThrownBy(() -> mailer.send(mailTo("bob@example.com"))).hasMessageContaining("451"); // bob's first
        // end::scope[]

        assertThat(smtp).hasReceived(1);
    }

    @Test
    void scenarios(FakeSmtpServer smtp) throws Exception {
        // tag::scenario[]
        // The first message goes through and takes the server down; from then on it refuses connections.
        smtp.stubFor(onMessage()
                .inScenario("outage")
                .whenScenarioStateIs(Rule.STARTED)
                .willSetStateTo("down"));
        smtp.stubFor(onConnect()
                .inScenario("outage")
                .whenScenarioStateIs("down")
                .willReply(421, "4.3.2", "Down for maintenance"));

        mailer.send(mailTo("ann@example.com"));
        assertThatThrownBy(() -> mailer.send(mailTo("bob@example.com"))).hasMessageContaining("421");

        assertThat(smtp.scenarioStates()).isEqualTo(Map.of("outage", "down"));
        smtp.resetScenarios(); // back to "Started", rules kept
        // end::scenario[]

        mailer.send(mailTo("carl@example.com"));
        assertThat(smtp).hasReceived(2);
    }

    @Test
    void priorities(FakeSmtpServer smtp) throws Exception {
        // tag::priority[]
        smtp.stubFor(onRcpt().willReply(550, "5.1.1", "No such user").atPriority(10)); // every recipient...
        smtp.stubFor(
                onRcptTo(domain("example.com")).willReply(250, "2.1.5", "Known").atPriority(1)); // ...but these

        mailer.send(mailTo("ann@example.com"));
        assertThatThrownBy(() -> mailer.send(mailTo("bob@example.org"))).hasMessageContaining("550");
        // end::priority[]
    }

    @Test
    void capabilities(FakeSmtpServer smtp) throws Exception {
        // tag::capabilities[]
        smtp.stubFor(onEhlo().willAdvertise(
                        CapabilityChange.without("PIPELINING", "SIZE").andWith("XCLIENT ADDR")));

        mailer.send(mailTo("ann@example.com"));

        assertThat(smtp).lastSession().transcript().containsServerLineMatching("250[- ]XCLIENT ADDR");
        assertThat(smtp.sessions().get(0).serverLines()).noneMatch(line -> line.contains("PIPELINING"));
        // end::capabilities[]
    }
}
