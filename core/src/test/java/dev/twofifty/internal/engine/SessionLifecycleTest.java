package dev.twofifty.internal.engine;

import static dev.twofifty.internal.engine.SessionDriver.EHLO_REPLY;
import static dev.twofifty.internal.engine.SessionDriver.GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Rules;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How sessions start and end: idle timeout, connection limit, client and server closes, early talkers, and scripted delays on the manual clock. */
class SessionLifecycleTest {

    @Test
    void idle_timeout_sends_421_then_closes_and_ends_by_timeout() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.idle();

        assertThat(driver.output()).isEqualTo("421 4.4.2 localhost Idle timeout, closing connection\r\n");
        assertThat(driver.transport.events()).endsWith("close");
        assertThat(driver.record().endedBy()).contains(SessionEnd.TIMEOUT);
        assertThat(driver.violations()).doesNotContain(Violation.Type.CLOSED_WITHOUT_QUIT);
    }

    @Test
    void idle_timeout_before_ehlo_has_no_enhanced_code() {
        SessionDriver driver = SessionDriver.connected();

        driver.idle();

        assertThat(driver.output()).isEqualTo("421 localhost Idle timeout, closing connection\r\n");
    }

    @Test
    void idle_timeout_in_mid_message_interrupts_the_transaction() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n");
        driver.send("Subject: slow\r\n");

        driver.idle();

        assertThat(driver.record().transactions().get(0).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void connections_over_the_limit_get_421_at_the_greeting_and_are_closed() {
        ServerContext server = SessionDriver.server(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxConnections(1))
                .build());
        SessionDriver first = SessionDriver.unstarted(server);
        first.start();
        SessionDriver second = SessionDriver.unstarted(server);

        second.start();

        assertThat(first.output()).isEqualTo(GREETING);
        assertThat(second.output()).isEqualTo("421 Too many connections, try again later\r\n");
        assertThat(second.transport.closed()).isTrue();
        assertThat(second.record().endedBy()).contains(SessionEnd.SERVER_CLOSE);
        assertThat(server.openSessions()).containsExactly(first.session);
    }

    @Test
    void a_closed_connection_frees_its_place_under_the_limit() {
        ServerContext server = SessionDriver.server(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxConnections(1))
                .build());
        SessionDriver first = SessionDriver.unstarted(server);
        first.start();
        first.clientCloses();
        SessionDriver second = SessionDriver.unstarted(server);

        second.start();

        assertThat(second.output()).isEqualTo(GREETING);
    }

    @Test
    void a_client_close_without_quit_is_recorded_as_a_violation() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.clientCloses();

        assertThat(driver.violations()).containsExactly(Violation.Type.CLOSED_WITHOUT_QUIT);
        assertThat(driver.record().endedBy()).contains(SessionEnd.CLIENT_CLOSE);
        assertThat(driver.record().endedAt()).isPresent();
        assertThat(driver.context.openSessions()).isEmpty();
    }

    @Test
    void a_close_after_quit_ends_by_quit() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.send("QUIT\r\n");

        assertThat(driver.record().endedBy()).contains(SessionEnd.QUIT);
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void a_server_shutdown_sends_421_and_closes() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.serverShutsDown();

        assertThat(driver.output()).isEqualTo("421 4.3.2 localhost Service shutting down, closing connection\r\n");
        assertThat(driver.record().endedBy()).contains(SessionEnd.SERVER_CLOSE);
    }

    @Test
    void sessions_get_consecutive_ids_and_keep_their_remote_address() {
        ServerContext server = SessionDriver.server(ServerConfig.defaults());
        SessionDriver first = SessionDriver.unstarted(server);
        SessionDriver second = SessionDriver.unstarted(server);

        assertThat(second.session.id()).isEqualTo(first.session.id() + 1);
        assertThat(second.record().remoteAddress()).isEqualTo("127.0.0.1:1234");
        assertThat(second.record().isOpen()).isTrue();
    }

    @Test
    void after_a_554_greeting_only_quit_is_accepted() {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(ServerConfig.defaults()))
                .withRule(Rules.onConnect().willReply(554, "5.3.2", "No service here"));
        driver.start();

        assertThat(driver.output()).isEqualTo("554 5.3.2 No service here\r\n");
        assertThat(driver.send("EHLO client.example\r\nMAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("503 No SMTP service here; only QUIT is accepted\r\n"
                        + "503 No SMTP service here; only QUIT is accepted\r\n");
        assertThat(driver.send("QUIT\r\n")).isEqualTo("221 localhost Bye\r\n");
        assertThat(driver.record().endedBy()).contains(SessionEnd.QUIT);
    }

    // ---- early talkers and delays, on the manual clock

    @Test
    void a_client_that_talks_before_a_delayed_greeting_is_an_early_talker() {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(ServerConfig.defaults()))
                .withRule(Rules.onConnect().willDelay(Duration.ofSeconds(2)));
        driver.start();

        driver.read(SessionDriver.bytes("EHLO client.example\r\n"));

        assertThat(driver.flushes()).isEmpty();
        assertThat(driver.violations()).containsExactly(Violation.Type.EARLY_TALKER);
    }

    @Test
    void an_early_talkers_command_is_answered_after_the_delayed_greeting() {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(ServerConfig.defaults()))
                .withRule(Rules.onConnect().willDelay(Duration.ofSeconds(2)));
        driver.start();
        driver.read(SessionDriver.bytes("EHLO client.example\r\n"));

        driver.advance(Duration.ofSeconds(2));

        assertThat(driver.flushes()).containsExactly(GREETING + EHLO_REPLY);
    }

    @Test
    void a_delayed_reply_holds_later_replies_until_the_clock_passes_it_and_keeps_reading_meanwhile() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onMail().willDelay(Duration.ofSeconds(1)));

        driver.read(SessionDriver.bytes("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n"));
        assertThat(driver.flushes()).isEmpty();
        assertThat(driver.transport.reading()).isTrue();

        driver.advance(Duration.ofMillis(999));
        assertThat(driver.flushes()).isEmpty();

        driver.advance(Duration.ofMillis(1));
        assertThat(driver.flushes())
                .containsExactly(
                        "250 2.1.0 Sender <ann@example.com> OK\r\n250 2.1.5 Recipient <bob@example.org> OK\r\n");
        assertThat(driver.transport.reading()).isTrue();
    }

    @Test
    void idle_during_a_scripted_delay_is_not_a_timeout() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onMail().willDelay(Duration.ofSeconds(1)));
        driver.read(SessionDriver.bytes("MAIL FROM:<ann@example.com>\r\n"));

        driver.idle();

        assertThat(driver.transport.closed()).isFalse();
        driver.advance(Duration.ofSeconds(1));
        assertThat(driver.output()).isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }

    @Test
    void a_client_close_during_a_delay_cancels_the_delayed_reply() {
        SessionDriver driver = SessionDriver.afterEhlo().withRule(Rules.onMail().willDelay(Duration.ofSeconds(1)));
        driver.read(SessionDriver.bytes("MAIL FROM:<ann@example.com>\r\n"));

        driver.clientCloses();

        assertThat(driver.transport.scheduledTasks()).isZero();
        driver.advance(Duration.ofSeconds(1));
        assertThat(driver.output()).isEmpty();
    }
}
