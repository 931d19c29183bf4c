package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Rules;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the server sees while it holds a reply back, and the faults that act on the client's pace: a
 * slow reader of message content and an idle timeout armed after one reply.
 */
class SessionHeldReplyTest {

    private static final ServerConfig NO_PIPELINING =
            ServerConfig.builder().disable(SmtpExtension.PIPELINING).build();

    @Test
    void a_command_sent_in_a_later_read_while_the_reply_is_held_is_seen_as_not_waiting_for_it() {
        SessionDriver driver =
                SessionDriver.afterEhlo(NO_PIPELINING).withRule(Rules.onMail().willDelay(Duration.ofMillis(300)));

        driver.read(SessionDriver.bytes("MAIL FROM:<ann@example.com>\r\n"));
        driver.read(SessionDriver.bytes("RCPT TO:<bob@example.org>\r\n"));
        driver.advance(Duration.ofMillis(300));

        assertThat(driver.output())
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n250 2.1.5 Recipient <bob@example.org> OK\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.PIPELINING_NOT_ADVERTISED);
    }

    @Test
    void a_command_sent_after_the_held_reply_went_out_is_not_pipelined() {
        SessionDriver driver =
                SessionDriver.afterEhlo(NO_PIPELINING).withRule(Rules.onMail().willDelay(Duration.ofMillis(300)));

        driver.read(SessionDriver.bytes("MAIL FROM:<ann@example.com>\r\n"));
        driver.advance(Duration.ofMillis(300));
        driver.output();
        driver.read(SessionDriver.bytes("RCPT TO:<bob@example.org>\r\n"));

        assertThat(driver.output()).isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void reading_stops_once_64_KiB_wait_behind_a_held_reply_and_resumes_with_the_reply() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onNoop().willDelay(Duration.ofSeconds(1)));
        driver.read(SessionDriver.bytes("NOOP\r\n"));
        assertThat(driver.transport.reading()).isTrue();

        byte[] flood = new byte[64 * 1024];
        Arrays.fill(flood, (byte) 'x');
        driver.read(flood);
        assertThat(driver.transport.reading()).isFalse();

        driver.advance(Duration.ofSeconds(1));
        assertThat(driver.transport.reading()).isTrue();
        assertThat(driver.output()).startsWith("250 2.0.0 OK\r\n");
    }

    @Test
    void a_client_that_closes_while_the_221_is_held_ends_the_session_before_any_221() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onQuit().willDelay(Duration.ofSeconds(2)));

        driver.read(SessionDriver.bytes("QUIT\r\n"));
        driver.clientCloses();
        driver.advance(Duration.ofSeconds(2));

        assertThat(driver.output()).isEmpty();
        assertThat(driver.record().endedBy()).contains(SessionEnd.CLIENT_CLOSE);
        assertThat(driver.record().serverLines()).noneMatch(line -> line.startsWith("221"));
        assertThat(driver.violations()).doesNotContain(Violation.Type.CLOSED_WITHOUT_QUIT);
    }

    @Test
    void a_slow_reader_stops_reading_until_the_octets_read_are_paid_for_at_its_rate() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onData().willFault(Fault.readSlowly(1000)));
        driver.send("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n");
        assertThat(driver.send("DATA\r\n")).startsWith("354 ");
        assertThat(driver.transport.reading()).isTrue();

        driver.read(SessionDriver.bytes("x".repeat(498) + "\r\n"));
        assertThat(driver.transport.reading()).isFalse();
        driver.advance(Duration.ofMillis(499));
        assertThat(driver.transport.reading()).isFalse();
        driver.advance(Duration.ofMillis(1));
        assertThat(driver.transport.reading()).isTrue();

        driver.read(SessionDriver.bytes(".\r\n"));
        driver.advance(Duration.ofMillis(3));
        assertThat(driver.output()).startsWith("250 2.0.0 OK: queued as ");
        driver.read(SessionDriver.bytes("NOOP\r\n"));
        assertThat(driver.transport.reading()).isTrue();
        assertThat(driver.output()).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(events(driver)).contains("fault: reading message content at 1000 octets/s");
    }

    @Test
    void close_when_idle_sends_421_and_closes_when_the_client_stays_silent() {
        SessionDriver driver = SessionDriver.afterEhlo()
                .withRule(Rules.onNoop().willFault(Fault.closeWhenIdle(Duration.ofMillis(100))));

        assertThat(driver.send("NOOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
        driver.advance(Duration.ofMillis(99));
        assertThat(driver.transport.closed()).isFalse();
        driver.advance(Duration.ofMillis(1));

        assertThat(driver.output()).isEqualTo("421 4.4.2 localhost Idle timeout, closing connection\r\n");
        assertThat(driver.record().endedBy()).contains(SessionEnd.TIMEOUT);
        assertThat(events(driver))
                .contains(
                        "fault: 421 and close if the client stays silent for PT0.1S",
                        "fault: the client was silent for PT0.1S, 421 and close");
    }

    @Test
    void close_when_idle_is_cancelled_by_any_input_in_time() {
        SessionDriver driver = SessionDriver.afterEhlo()
                .withRule(Rules.onNoop()
                        .willFault(Fault.closeWhenIdle(Duration.ofMillis(100)))
                        .once());

        driver.send("NOOP\r\n");
        driver.advance(Duration.ofMillis(50));
        assertThat(driver.send("RSET\r\n")).isEqualTo("250 2.0.0 OK\r\n");
        driver.advance(Duration.ofSeconds(1));

        assertThat(driver.output()).isEmpty();
        assertThat(driver.transport.closed()).isFalse();
    }

    private static List<String> events(SessionDriver driver) {
        return driver.record().transcript().stream()
                .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT)
                .map(TranscriptEntry::line)
                .toList();
    }
}
