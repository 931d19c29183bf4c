package dev.twofifty.script;

import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@link SmtpDispatcher} SPI: asked when no rule fires, before the conformant default. */
@Timeout(10)
class DispatcherTest {

    @Test
    void an_action_from_the_dispatcher_decides_the_step() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.setDispatcher(step -> step.is(Trigger.RCPT) && step.argument().contains("+retry")
                    ? Optional.of(Action.reply(451, "4.2.0", "Mailbox busy"))
                    : Optional.empty());

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob+retry@example.org>")).isEqualTo("451 4.2.0 Mailbox busy\r\n");
                assertThat(session.send("RCPT TO:<bob@example.org>"))
                        .isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
            }
        }
    }

    @Test
    void an_empty_answer_leaves_every_step_to_the_default() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            List<Trigger> asked = new CopyOnWriteArrayList<>();
            smtp.setDispatcher(step -> {
                asked.add(step.trigger());
                return Optional.empty();
            });

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.greeting()).isEqualTo("220 localhost ESMTP TwoFifty ready\r\n");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
            assertThat(asked).containsExactly(Trigger.CONNECT, Trigger.EHLO, Trigger.NOOP);
        }
    }

    @Test
    void a_null_answer_is_taken_as_empty() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.setDispatcher(step -> null);

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
        }
    }

    @Test
    void a_rule_that_fires_takes_precedence_and_the_dispatcher_is_not_asked() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            List<String> asked = new CopyOnWriteArrayList<>();
            smtp.stubFor(onRcpt().matching(Matchers.domain("example.org")).willReply(550, "5.1.1", "By rule"));
            smtp.setDispatcher(step -> {
                if (step.is(Trigger.RCPT)) {
                    asked.add(step.argument());
                }
                return step.is(Trigger.RCPT)
                        ? Optional.of(Action.reply(551, "5.1.6", "By dispatcher"))
                        : Optional.empty();
            });

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo("550 5.1.1 By rule\r\n");
                assertThat(session.send("RCPT TO:<bob@example.net>")).isEqualTo("551 5.1.6 By dispatcher\r\n");
            }
            assertThat(asked).containsExactly("TO:<bob@example.net>");
        }
    }

    @Test
    void the_dispatcher_sees_the_step_the_envelope_and_the_default_reply() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            smtp.setDispatcher(step -> {
                if (step.is(Trigger.RCPT)) {
                    seen.add(step.describe() + " | #" + step.recipientOrdinal() + " | from "
                            + step.envelope().sender()
                            + " | " + step.envelope().recipientAddresses() + " | default " + step.defaultReply()
                            + " | transaction " + step.session().transactionOrdinal());
                }
                return Optional.empty();
            });

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                session.send("RCPT TO:<carl@example.org>");
            }

            assertThat(seen)
                    .containsExactly(
                            "RCPT TO:<bob@example.org> (session 1) | #1 | from ann@example.com | []"
                                    + " | default 250 2.1.5 Recipient <bob@example.org> OK | transaction 1",
                            "RCPT TO:<carl@example.org> (session 1) | #2 | from ann@example.com | [bob@example.org]"
                                    + " | default 250 2.1.5 Recipient <carl@example.org> OK | transaction 1");
        }
    }

    @Test
    void a_dispatched_action_may_delay_its_reply() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            Duration delay = Duration.ofMillis(150);
            smtp.setDispatcher(
                    step -> step.is(Trigger.NOOP) ? Optional.of(Action.DEFAULT.withDelay(delay)) : Optional.empty());

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                long start = System.nanoTime();
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
            }
        }
    }

    @Test
    void a_seeded_random_delay_from_the_dispatcher_draws_the_seeds_sequence_like_a_rule() {
        // Seed 519 draws about 197, 177 and 179 ms out of 0 to 200 ms: an unseeded draw is almost always shorter.
        Delay delay = Delay.uniform(Duration.ZERO, Duration.ofMillis(200)).withSeed(519);
        SplittableRandom sequence = new SplittableRandom(519);
        List<Duration> expected = List.of(delay.next(sequence), delay.next(sequence), delay.next(sequence));
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.setDispatcher(
                    step -> step.is(Trigger.NOOP) ? Optional.of(Action.DEFAULT.withDelay(delay)) : Optional.empty());

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                for (Duration each : expected) {
                    long start = System.nanoTime();
                    assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(each);
                }
            }
        }
    }

    @Test
    void a_throwing_dispatcher_falls_back_to_the_default_reply_and_says_so_in_the_transcript() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.setDispatcher(step -> {
                if (step.is(Trigger.NOOP)) {
                    throw new IllegalStateException("boom");
                }
                return Optional.empty();
            });

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                session.send("QUIT");
            }
            SessionRecord ended =
                    smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5)).get(0);
            assertThat(FaultTest.events(ended))
                    .filteredOn(event -> event.startsWith("dispatcher"))
                    .containsExactly(
                            "dispatcher failed, default reply sent: java.lang.IllegalStateException: boom",
                            "dispatcher failed, default reply sent: java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void removing_the_dispatcher_restores_the_default() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.setDispatcher(step -> Optional.of(Action.reply(250, "2.0.0", "Dispatched")));
            smtp.setDispatcher(null);

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
        }
    }
}
