package dev.twofifty.script;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onNoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code reset()} makes a server as new: no rules, no scenario state, an empty journal, no waiting replies. */
@Timeout(10)
class ResetTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);

    @Test
    void reset_removes_every_rule() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Scripted"));

            smtp.reset();

            assertThat(smtp.rules()).isEmpty();
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
        }
    }

    @Test
    void reset_clears_scenario_states() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().inScenario("s").willSetStateTo("moved"));
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("NOOP");
            }
            assertThat(smtp.scenarioStates()).containsEntry("s", "moved");

            smtp.reset();

            assertThat(smtp.scenarioStates()).isEmpty();
        }
    }

    @Test
    void reset_clears_the_journal() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                session.data("Subject: before the reset\r\n\r\nbody");
                session.send("QUIT");
            }
            smtp.journal().awaitEndedSessions(1, AWAIT);

            smtp.reset();

            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.sessions()).isEmpty();
            assertThat(smtp.journal().messageCount()).isZero();
        }
    }

    @Test
    void reset_clears_near_misses_and_removes_the_dispatcher() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().matching(Matchers.domain("nowhere.example")).willReply(550, "5.7.1", "No"));
            smtp.setDispatcher(step -> Optional.of(Action.reply(250, "2.0.0", "Dispatched")));
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("MAIL FROM:<ann@example.com>");
            }
            assertThat(smtp.nearMisses()).isNotEmpty();

            smtp.reset();

            assertThat(smtp.nearMisses()).isEmpty();
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
        }
    }

    @Test
    void reset_closes_a_connection_whose_reply_waits_on_a_delay_without_sending_the_reply() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willDelay(Duration.ofSeconds(30)));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");
                awaitClientLine(smtp, "MAIL FROM:<ann@example.com>");

                smtp.reset();

                assertThat(session.client().readByte()).isEqualTo(-1);
            }
        }
    }

    @Test
    void a_session_closed_by_reset_has_ended_before_the_journal_is_cleared() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willDelay(Duration.ofSeconds(30)));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");
                awaitClientLine(smtp, "MAIL FROM:<ann@example.com>");

                smtp.reset();

                assertThat(smtp.sessions())
                        .as("nothing of the cancelled session is left")
                        .isEmpty();
            }
            try (Conversation next = Conversation.afterEhlo(smtp)) {
                next.send("QUIT");
            }
            assertThat(smtp.journal().awaitEndedSessions(1, AWAIT))
                    .as("the next test sees only its own session")
                    .singleElement()
                    .satisfies(session -> {
                        assertThat(session.id()).isEqualTo(2);
                        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
                    });
        }
    }

    @Test
    void reset_closes_a_stalled_connection() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willFault(Fault.stall()));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");
                awaitClientLine(smtp, "MAIL FROM:<ann@example.com>");

                smtp.reset();

                assertThat(session.client().readByte()).isEqualTo(-1);
            }
        }
    }

    @Test
    void reset_leaves_idle_open_sessions_alone() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Scripted"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                smtp.reset();

                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(smtp.sessions())
                        .singleElement()
                        .satisfies(open -> assertThat(open.isOpen()).isTrue());
            }
        }
    }

    private static void awaitClientLine(FakeSmtpServer smtp, String line) {
        await().atMost(AWAIT)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> smtp.sessions().get(0).clientLines().contains(line));
    }
}
