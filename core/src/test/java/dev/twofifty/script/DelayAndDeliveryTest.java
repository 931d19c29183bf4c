package dev.twofifty.script;

import static dev.twofifty.script.Rules.onNoop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random delays that repeat with a seed, and the finer points of dripped and fragmented replies. */
@Timeout(10)
class DelayAndDeliveryTest {

    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(300);

    @Test
    void a_seeded_uniform_delay_draws_the_same_sequence_every_time() {
        Delay delay = Delay.uniform(MIN, MAX).withSeed(42);

        assertThat(draw(delay, 20)).isEqualTo(draw(delay, 20));
    }

    @Test
    void a_uniform_delay_stays_between_its_bounds_and_varies() {
        List<Duration> drawn = draw(Delay.uniform(MIN, MAX).withSeed(7), 200);

        assertThat(drawn).allSatisfy(delay -> assertThat(delay).isBetween(MIN, MAX));
        assertThat(drawn.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void different_seeds_draw_different_sequences() {
        assertThat(draw(Delay.uniform(MIN, MAX).withSeed(1), 5))
                .isNotEqualTo(draw(Delay.uniform(MIN, MAX).withSeed(2), 5));
    }

    @Test
    void a_seeded_log_normal_delay_draws_the_same_sequence_every_time() {
        Delay delay = Delay.logNormal(Duration.ofMillis(200), 0.5).withSeed(42);

        List<Duration> drawn = draw(delay, 20);

        assertThat(drawn).isEqualTo(draw(delay, 20));
        assertThat(drawn.stream().distinct().count()).isGreaterThan(10);
        assertThat(drawn).allSatisfy(each -> assertThat(each).isPositive());
    }

    @Test
    void a_log_normal_delay_without_spread_is_always_its_median() {
        assertThat(draw(Delay.logNormal(Duration.ofMillis(200), 0).withSeed(3), 5))
                .containsOnly(Duration.ofMillis(200));
    }

    @Test
    void a_log_normal_delay_has_about_half_its_draws_below_the_median() {
        Duration median = Duration.ofMillis(200);
        long below = draw(Delay.logNormal(median, 1.0).withSeed(11), 2000).stream()
                .filter(each -> each.compareTo(median) < 0)
                .count();

        assertThat(below).isBetween(900L, 1100L);
    }

    @Test
    void seeds_are_kept_and_unseeded_delays_have_none() {
        assertThat(Delay.uniform(MIN, MAX).withSeed(5).seed()).isEqualTo(5L);
        assertThat(Delay.logNormal(MIN, 0.3).withSeed(6).seed()).isEqualTo(6L);
        assertThat(Delay.uniform(MIN, MAX).seed()).isNull();
        assertThat(Delay.fixed(MIN).seed()).isNull();
    }

    @Test
    void two_servers_with_the_same_seeded_rule_wait_at_least_the_same_drawn_delays() {
        Delay delay =
                Delay.uniform(Duration.ofMillis(20), Duration.ofMillis(120)).withSeed(2024);
        List<Duration> expected = draw(delay, 3);

        for (int server = 0; server < 2; server++) {
            try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
                smtp.stubFor(onNoop().willDelay(delay));
                try (Conversation session = Conversation.afterEhlo(smtp)) {
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                    }
                }
                assertThat(noopReplyTimes(smtp.sessions().get(0)))
                        .as("server %d", server)
                        .hasSize(3)
                        .satisfies(times -> {
                            for (int i = 0; i < times.size(); i++) {
                                assertThat(times.get(i)).as("NOOP %d", i).isGreaterThanOrEqualTo(expected.get(i));
                            }
                        });
            }
        }
    }

    @Test
    void a_delay_and_a_drip_add_up() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willDelay(Duration.ofMillis(100)).willDrip(Duration.ofMillis(100)));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                long start = System.nanoTime();
                session.client().send("NOOP");
                TimedBytes reply = TimedBytes.read(session.client(), "250 2.0.0 OK\r\n".length(), start);

                assertThat(reply.text()).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(reply.at(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
                assertThat(reply.last()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
        }
    }

    @Test
    void split_offsets_beyond_the_reply_are_ignored() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willFragment(Duration.ofMillis(100), 3, 500));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                long start = System.nanoTime();
                session.client().send("NOOP");
                TimedBytes reply = TimedBytes.read(session.client(), "250 2.0.0 OK\r\n".length(), start);

                assertThat(reply.text()).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(reply.at(3)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
        }
    }

    @Test
    void commands_pipelined_behind_a_slow_reply_are_answered_in_order_after_it() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().willDrip(Duration.ofMillis(100)).once());

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().sendRaw("NOOP\r\nRSET\r\nNOOP\r\n");

                assertThat(Stream.generate(session.client()::readRawReply).limit(3))
                        .containsExactly("250 2.0.0 OK\r\n", "250 2.0.0 OK\r\n", "250 2.0.0 OK\r\n");
            }
        }
    }

    /** For each NOOP of a session, the time from the command to the server's reply, from the transcript. */
    private static List<Duration> noopReplyTimes(SessionRecord session) {
        List<Duration> times = new ArrayList<>();
        Duration sent = null;
        for (TranscriptEntry entry : session.transcript()) {
            if (entry.isClientLine() && entry.line().equals("NOOP")) {
                sent = entry.at();
            } else if (entry.isServerLine() && sent != null) {
                times.add(entry.at().minus(sent));
                sent = null;
            }
        }
        return times;
    }

    private static List<Duration> draw(Delay delay, int count) {
        SplittableRandom random = new SplittableRandom(delay.seed());
        List<Duration> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drawn.add(delay.next(random));
        }
        return drawn;
    }
}
