package dev.twofifty.script;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onNoop;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.twofifty.FakeSmtpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How often a rule fires, which rule fires first, and removing rules. */
@Timeout(10)
class HowOftenTest {

    private static final String OK = "250 2.0.0 OK\r\n";

    @Test
    void a_rule_without_times_fires_every_time() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule = smtp.stubFor(onNoop().willReply(250, "2.0.0", "Scripted"));

            assertThat(noops(smtp, 4)).containsOnly("250 2.0.0 Scripted\r\n").hasSize(4);
            assertThat(rule.timesFired()).isEqualTo(4);
        }
    }

    @Test
    void times_fires_that_many_times_and_then_falls_through_to_the_default() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule =
                    smtp.stubFor(onNoop().willReply(250, "2.0.0", "Scripted").times(2));

            assertThat(noops(smtp, 3)).containsExactly("250 2.0.0 Scripted\r\n", "250 2.0.0 Scripted\r\n", OK);
            assertThat(rule.timesFired()).isEqualTo(2);
        }
    }

    @Test
    void times_falls_through_to_the_next_rule_before_the_default() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Older"));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Newer").once());

            assertThat(noops(smtp, 3))
                    .containsExactly("250 2.0.0 Newer\r\n", "250 2.0.0 Older\r\n", "250 2.0.0 Older\r\n");
        }
    }

    @Test
    void a_sequence_fires_once_per_reply_in_order_then_falls_through() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule = smtp.stubFor(onMessage()
                    .willReply(451, "4.3.0", "Busy")
                    .thenReply(451, "4.3.0", "Still busy")
                    .thenReply(250, "2.0.0", "Finally"));

            List<String> replies = new ArrayList<>();
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                for (int i = 0; i < 4; i++) {
                    session.send("MAIL FROM:<ann@example.com>");
                    session.send("RCPT TO:<bob@example.org>");
                    replies.add(session.data("Subject: " + i + "\r\n\r\nbody"));
                }
            }

            assertThat(replies)
                    .containsExactly(
                            "451 4.3.0 Busy\r\n",
                            "451 4.3.0 Still busy\r\n",
                            "250 2.0.0 Finally\r\n",
                            "250 2.0.0 OK: queued as 2\r\n");
            assertThat(rule.timesFired()).isEqualTo(3);
            assertThat(smtp.messages()).hasSize(2);
        }
    }

    @Test
    void a_sequence_with_a_larger_times_repeats_its_last_action() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "one")
                    .thenReply(250, "2.0.0", "two")
                    .times(4));

            assertThat(noops(smtp, 5))
                    .containsExactly(
                            "250 2.0.0 one\r\n", "250 2.0.0 two\r\n", "250 2.0.0 two\r\n", "250 2.0.0 two\r\n", OK);
        }
    }

    @Test
    void always_repeats_the_last_action_of_a_sequence_without_limit() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "one").thenDefault().always());

            assertThat(noops(smtp, 4)).containsExactly("250 2.0.0 one\r\n", OK, OK, OK);
            assertThat(smtp.rules().get(0).timesFired()).isEqualTo(4);
        }
    }

    @Test
    void a_sequence_can_mix_replies_and_faults() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willReply(451, "4.3.0", "Busy").thenFault(Fault.close()));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("451 4.3.0 Busy\r\n");
                session.client().send("MAIL FROM:<ann@example.com>");
                assertThat(session.client().readByte()).isEqualTo(-1);
            }
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>"))
                        .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
            }
        }
    }

    @Test
    void an_explicit_priority_beats_a_more_recent_rule() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Urgent").atPriority(1));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Recent"));

            assertThat(noops(smtp, 1)).containsExactly("250 2.0.0 Urgent\r\n");
        }
    }

    @Test
    void a_lower_priority_number_wins_whatever_the_order_of_adding() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Nine").atPriority(9));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Seven").atPriority(7));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Eight").atPriority(8));

            assertThat(noops(smtp, 1)).containsExactly("250 2.0.0 Seven\r\n");
            assertThat(smtp.rules())
                    .extracting(ActiveRule::id, rule -> rule.rule().priority())
                    .containsExactly(tuple("r2", 7), tuple("r3", 8), tuple("r1", 9));
        }
    }

    @Test
    void among_equal_priorities_the_most_recently_added_rule_wins() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "First"));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Second"));
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Third"));

            assertThat(noops(smtp, 1)).containsExactly("250 2.0.0 Third\r\n");
            assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly("r3", "r2", "r1");
        }
    }

    @Test
    void a_more_specific_rule_added_later_overrides_a_general_one_only_where_it_matches() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(Rules.onRcpt().willReply(550, "5.1.1", "No such user"));
            smtp.stubFor(onRcptTo(domain("example.org")).willReply(250, "2.1.5", "Known domain"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo("250 2.1.5 Known domain\r\n");
                assertThat(session.send("RCPT TO:<bob@example.net>")).isEqualTo("550 5.1.1 No such user\r\n");
            }
        }
    }

    @Test
    void a_removed_rule_no_longer_fires() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Kept"));
            ActiveRule removed = smtp.stubFor(onNoop().willReply(250, "2.0.0", "Removed"));

            assertThat(smtp.removeRule(removed.id())).isTrue();

            assertThat(noops(smtp, 1)).containsExactly("250 2.0.0 Kept\r\n");
            assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly("r1");
            assertThat(smtp.removeRule(removed.id())).isFalse();
            assertThat(smtp.removeRule("r99")).isFalse();
        }
    }

    @Test
    void rules_added_during_a_session_apply_from_its_next_step() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo(OK);
                ActiveRule rule = smtp.stubFor(onNoop().willReply(250, "2.0.0", "Now scripted"));
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 Now scripted\r\n");
                smtp.removeRule(rule.id());
                assertThat(session.send("NOOP")).isEqualTo(OK);
            }
        }
    }

    @Test
    void reset_rules_removes_every_rule_and_keeps_the_journal() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willReply(250, "2.0.0", "Scripted"));
            noops(smtp, 1);

            smtp.resetRules();

            assertThat(smtp.rules()).isEmpty();
            assertThat(noops(smtp, 1)).containsExactly(OK);
            assertThat(smtp.sessions()).hasSize(2);
        }
    }

    /** Sends this many NOOPs in one new session and returns the replies. */
    private static List<String> noops(FakeSmtpServer smtp, int count) {
        List<String> replies = new ArrayList<>();
        try (Conversation session = Conversation.afterEhlo(smtp)) {
            for (int i = 0; i < count; i++) {
                replies.add(session.send("NOOP"));
            }
        }
        return replies;
    }
}
