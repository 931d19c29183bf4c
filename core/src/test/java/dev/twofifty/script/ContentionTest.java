package dev.twofifty.script;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Counts and scenario transitions stay exact when many sessions hit a rule at the same moment. */
@Timeout(30)
class ContentionTest {

    private static final int SESSIONS = 50;

    @Test
    void a_rule_with_times_3_fires_exactly_three_times_across_concurrent_sessions() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule =
                    smtp.stubFor(onMail().willReply(451, "4.3.0", "Busy").times(3));

            List<String> replies = concurrently(smtp, session -> session.send("MAIL FROM:<ann@example.com>"));

            assertThat(replies).filteredOn("451 4.3.0 Busy\r\n"::equals).hasSize(3);
            assertThat(replies)
                    .filteredOn("250 2.1.0 Sender <ann@example.com> OK\r\n"::equals)
                    .hasSize(SESSIONS - 3);
            assertThat(rule.timesFired()).isEqualTo(3);
        }
    }

    @Test
    void a_scenario_moves_from_one_state_to_the_next_exactly_once() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule transition = smtp.stubFor(onMail().inScenario("flip")
                    .whenScenarioStateIs(Rule.STARTED)
                    .willReply(451, "4.3.0", "Flipping")
                    .willSetStateTo("B"));
            ActiveRule after = smtp.stubFor(
                    onMail().inScenario("flip").whenScenarioStateIs("B").willReply(250, "2.1.0", "In state B"));

            List<String> replies = concurrently(smtp, session -> session.send("MAIL FROM:<ann@example.com>"));

            assertThat(replies).filteredOn("451 4.3.0 Flipping\r\n"::equals).hasSize(1);
            assertThat(replies).filteredOn("250 2.1.0 In state B\r\n"::equals).hasSize(SESSIONS - 1);
            assertThat(transition.timesFired()).isEqualTo(1);
            assertThat(after.timesFired()).isEqualTo(SESSIONS - 1);
            assertThat(smtp.scenarioStates()).isEqualTo(Map.of("flip", "B"));
        }
    }

    @Test
    void per_recipient_counts_stay_exact_under_contention() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule = smtp.stubFor(
                    onRcpt().willReply(450, "4.2.0", "Greylisted").times(2).perRecipient());

            List<String> replies = concurrently(smtp, session -> {
                session.send("MAIL FROM:<ann@example.com>");
                return session.send("RCPT TO:<bob@example.org>") + session.send("RCPT TO:<carl@example.org>");
            });

            String greylisted = "450 4.2.0 Greylisted\r\n";
            long bob = replies.stream()
                    .filter(reply -> reply.startsWith(greylisted))
                    .count();
            long carl =
                    replies.stream().filter(reply -> reply.endsWith(greylisted)).count();
            assertThat(bob).isEqualTo(2);
            assertThat(carl).isEqualTo(2);
            assertThat(rule.timesFired()).isEqualTo(4);
        }
    }

    /**
     * Opens {@link #SESSIONS} sessions, each on its own thread and past EHLO, then lets them all run the
     * step at once; returns what each returned.
     */
    private static List<String> concurrently(FakeSmtpServer smtp, Function<Conversation, String> step)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SESSIONS);
        try {
            CountDownLatch ready = new CountDownLatch(SESSIONS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                results.add(threads.submit(() -> {
                    try (Conversation session = Conversation.afterEhlo(smtp)) {
                        ready.countDown();
                        assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                        return step.apply(session);
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> replies = new ArrayList<>();
            for (Future<String> result : results) {
                replies.add(result.get(10, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            threads.shutdownNow();
        }
    }
}
