package dev.twofifty.script;

import static dev.twofifty.script.Matchers.authenticatedAs;
import static dev.twofifty.script.Rules.onAnyStep;
import static dev.twofifty.script.Rules.onAuth;
import static dev.twofifty.script.Rules.onBdat;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onNoop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Steps with more than one reply (AUTH), steps with two triggers (BDAT LAST), and rules on any step. */
@Timeout(10)
class StepDetailsTest {

    private static final ServerConfig WITH_AUTH =
            ServerConfig.builder().credentials("ann", "secret").build();

    @Test
    void an_auth_rule_fires_at_the_command_and_at_each_sasl_response() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(WITH_AUTH)) {
            ActiveRule rule =
                    smtp.stubFor(onAuth().thenDefault().thenDefault().willReply(535, "5.7.8", "Scripted failure"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6\r\n");
                assertThat(session.send(base64("ann"))).isEqualTo("334 UGFzc3dvcmQ6\r\n");
                assertThat(session.send(base64("secret"))).isEqualTo("535 5.7.8 Scripted failure\r\n");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                session.send("QUIT");
            }
            assertThat(rule.timesFired()).isEqualTo(3);
            assertThat(ended(smtp).authenticatedAs()).isEmpty();
        }
    }

    @Test
    void the_dispatcher_sees_the_auth_step_number_and_masked_responses() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(WITH_AUTH)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            smtp.setDispatcher(step -> {
                if (step.is(Trigger.AUTH)) {
                    seen.add(step.authStep() + ": " + step.line() + " / " + step.argument());
                }
                return Optional.empty();
            });

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("AUTH LOGIN");
                session.send(base64("ann"));
                assertThat(session.send(base64("secret"))).isEqualTo("235 2.7.0 Authentication successful\r\n");
            }

            assertThat(seen).containsExactly("0: AUTH LOGIN / LOGIN", "1: **** / ****", "2: **** / ****");
        }
    }

    @Test
    void a_scripted_235_accepts_wrong_credentials_as_the_claimed_user() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(WITH_AUTH)) {
            smtp.stubFor(onAuth().willReply(235, "2.7.0", "Anything goes"));
            smtp.stubFor(onMail().matching(authenticatedAs("ann")).willReply(250, "2.1.0", "Hello ann"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.authPlain("ann", "wrong")).isEqualTo("235 2.7.0 Anything goes\r\n");
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("250 2.1.0 Hello ann\r\n");
                session.send("QUIT");
            }
            assertThat(ended(smtp).authenticatedAs()).contains("ann");
        }
    }

    @Test
    void a_scripted_failure_at_the_sasl_response_ends_the_exchange() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(WITH_AUTH)) {
            smtp.stubFor(onAuth().matching(Matchers.argument("\\*{4}")).willReply(454, "4.7.0", "Try later"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("AUTH PLAIN")).isEqualTo("334 \r\n");
                assertThat(session.send(base64("\u0000ann\u0000secret"))).isEqualTo("454 4.7.0 Try later\r\n");
                assertThat(session.authPlain("ann", "secret")).isEqualTo("235 2.7.0 Authentication successful\r\n");
            }
        }
    }

    @Test
    void bdat_last_is_both_a_bdat_step_and_the_end_of_the_message() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule chunks = smtp.stubFor(onBdat().willDelay(Duration.ZERO));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.sendRaw("BDAT 3\r\nHi ")).isEqualTo("250 2.0.0 3 octets received\r\n");
                assertThat(session.sendRaw("BDAT 5 LAST\r\nthere")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
            }
            assertThat(chunks.timesFired()).isEqualTo(2);
            assertThat(smtp.messages())
                    .singleElement()
                    .satisfies(message -> assertThat(message.raw())
                            .asString(StandardCharsets.US_ASCII)
                            .isEqualTo("Hi there"));
        }
    }

    @Test
    void at_bdat_last_the_more_recent_of_a_bdat_and_a_message_rule_wins() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onBdat().willReply(250, "2.0.0", "Chunk rule"));
            smtp.stubFor(onMessage().willReply(554, "5.7.1", "Message rule"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.sendRaw("BDAT 3\r\nHi ")).isEqualTo("250 2.0.0 Chunk rule\r\n");
                assertThat(session.sendRaw("BDAT 5 LAST\r\nthere")).isEqualTo("554 5.7.1 Message rule\r\n");
            }
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void a_rule_on_any_step_fires_at_every_step_including_the_greeting() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            List<Trigger> seen = new CopyOnWriteArrayList<>();
            ActiveRule any = smtp.stubFor(onAnyStep().willDelay(Duration.ZERO));
            smtp.setDispatcher(step -> {
                seen.add(step.trigger());
                return Optional.empty();
            });

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("NOOP");
                session.send("XYZZY");
            }

            assertThat(any.timesFired()).isEqualTo(4);
            assertThat(seen).as("the dispatcher is not asked when a rule fired").isEmpty();
        }
    }

    @Test
    void a_rule_on_any_step_competes_with_step_rules_by_priority_then_recency() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "NOOP rule"));
            smtp.stubFor(onAnyStep().matching(Matchers.argument("any")).willReply(250, "2.0.0", "ANY rule"));
            smtp.stubFor(onNoop().matching(Matchers.argument("urgent"))
                    .willReply(250, "2.0.0", "Urgent")
                    .atPriority(1));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP any")).isEqualTo("250 2.0.0 ANY rule\r\n");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 NOOP rule\r\n");
                assertThat(session.send("NOOP urgent")).isEqualTo("250 2.0.0 Urgent\r\n");
            }
        }
    }

    private static SessionRecord ended(FakeSmtpServer smtp) {
        return smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5)).get(0);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
