package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.Violation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed and hostile command input: NUL, bare CR and LF, overlong and endless lines, too many errors, and arbitrary read splits. */
@Timeout(60)
class SessionHostileInputTest {

    private static final String BARE_CR_OR_LF =
            "500 5.5.2 Bare CR or LF in command line; lines must end with CRLF (RFC 5321 section 2.3.8)\r\n";
    private static final String LINE_TOO_LONG =
            "500 5.5.2 Line too long, at most 512 octets (RFC 5321 section 4.5.3.1.4)\r\n";
    private static final ServerConfig LENIENT = ServerConfig.builder().lenient().build();

    @Test
    void a_nul_octet_in_a_command_is_500() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("NO\0OP\r\n")).isEqualTo("500 5.5.2 NUL octet in command line\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.NUL_IN_COMMAND);
    }

    @Test
    void a_nul_octet_is_rejected_in_lenient_mode_too() {
        assertThat(SessionDriver.afterEhlo(LENIENT).send("NOOP\0\r\n"))
                .isEqualTo("500 5.5.2 NUL octet in command line\r\n");
    }

    @Test
    void a_command_ended_by_a_bare_lf_is_500_in_strict_mode() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("NOOP\n")).isEqualTo(BARE_CR_OR_LF);
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_LF_IN_COMMAND);
    }

    @Test
    void a_command_ended_by_a_bare_lf_is_accepted_in_lenient_mode_and_recorded() {
        SessionDriver driver = SessionDriver.afterEhlo(LENIENT);

        assertThat(driver.send("MAIL FROM:<ann@example.com>\n")).isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_LF_IN_COMMAND);
    }

    @Test
    void a_bare_cr_in_a_command_is_500_in_strict_mode() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("NO\rOP\r\n")).isEqualTo(BARE_CR_OR_LF);
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_CR_IN_COMMAND);
    }

    @Test
    void a_bare_cr_in_a_command_is_dropped_in_lenient_mode_and_recorded() {
        SessionDriver driver = SessionDriver.afterEhlo(LENIENT);

        assertThat(driver.send("NO\rOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_CR_IN_COMMAND);
    }

    @Test
    void a_command_line_of_512_octets_is_accepted() {
        assertThat(SessionDriver.afterEhlo().send("NOOP " + "x".repeat(505) + "\r\n"))
                .isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void a_command_line_of_513_octets_is_500() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("NOOP " + "x".repeat(506) + "\r\n")).isEqualTo(LINE_TOO_LONG);
        assertThat(driver.violations()).containsExactly(Violation.Type.COMMAND_LINE_TOO_LONG);
    }

    @Test
    void a_long_command_line_is_500_even_when_auth_allows_long_auth_lines() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().credentials("ann", "secret").build());

        assertThat(driver.send("MAIL FROM:<ann@example.com> X=" + "x".repeat(600) + "\r\n"))
                .isEqualTo(LINE_TOO_LONG);
    }

    @Test
    void the_command_line_limit_is_configurable() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxCommandLineLength(1000))
                .build());

        assertThat(driver.send("NOOP " + "x".repeat(600) + "\r\n")).isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void ten_mebibytes_without_a_line_end_get_one_500_and_the_next_line_still_parses() {
        SessionDriver driver = SessionDriver.afterEhlo();
        byte[] read = new byte[64 * 1024];
        Arrays.fill(read, (byte) 'A');

        for (int i = 0; i < 160; i++) {
            driver.read(read);
        }
        assertThat(driver.flushes()).isEmpty();

        assertThat(driver.send("\r\nNOOP\r\n")).isEqualTo(LINE_TOO_LONG + "250 2.0.0 OK\r\n");
        assertThat(driver.record().clientLines())
                .containsExactly("EHLO client.example", "A".repeat(200) + " [...]", "NOOP");
    }

    @Test
    void ten_mebibytes_without_a_line_end_in_data_state_do_not_end_the_message() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n");
        byte[] read = new byte[64 * 1024];
        Arrays.fill(read, (byte) 'A');

        for (int i = 0; i < 160; i++) {
            driver.read(read);
        }

        assertThat(driver.send("\r\n.\r\n"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 10240000 octets\r\n");
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void too_many_invalid_commands_get_421_and_a_close() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxInvalidCommands(3))
                .build());

        assertThat(driver.send("BAD1\r\nBAD2\r\nMAIL FROM:oops\r\n"))
                .isEqualTo("500 5.5.1 Command unrecognized\r\n"
                        + "500 5.5.1 Command unrecognized\r\n"
                        + "501 5.5.4 Syntax: MAIL FROM:<address> [parameters]\r\n");
        assertThat(driver.send("BAD4\r\n")).isEqualTo("421 4.7.0 Too many errors, closing connection\r\n");
        assertThat(driver.transport.closed()).isTrue();
        assertThat(driver.record().endedBy()).contains(SessionEnd.SERVER_CLOSE);
    }

    @Test
    void valid_commands_do_not_count_towards_the_invalid_command_limit() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxInvalidCommands(1))
                .build());

        assertThat(driver.send("NOOP\r\nBAD\r\nNOOP\r\n"))
                .isEqualTo("250 2.0.0 OK\r\n500 5.5.1 Command unrecognized\r\n250 2.0.0 OK\r\n");
        assertThat(driver.transport.closed()).isFalse();
    }

    // ---- the same session, however the input is split

    private static final String CLIENT_SCRIPT = "EHLO client.example\r\n"
            + "MAIL FROM:<ann@example.com> BODY=8BITMIME\r\n"
            + "RCPT TO:<bob@example.org>\r\n"
            + "DATA\r\n"
            + "Subject: split\r\n\r\n..stuffed\r\nline\r\n.\r\n"
            + "BAD\0\r\n"
            + "QUIT\r\n";

    private static final String SERVER_SCRIPT = SessionDriver.EHLO_REPLY
            + "250 2.1.0 Sender <ann@example.com> OK\r\n"
            + "250 2.1.5 Recipient <bob@example.org> OK\r\n"
            + "354 End data with <CR><LF>.<CR><LF>\r\n"
            + "250 2.0.0 OK: queued as 1\r\n"
            + "500 5.5.2 NUL octet in command line\r\n"
            + "221 2.0.0 localhost Bye\r\n";

    private static final String RAW = "Subject: split\r\n\r\n.stuffed\r\nline\r\n";

    @Test
    void a_whole_session_in_one_read_gives_the_expected_replies_and_message() {
        SessionDriver driver = SessionDriver.connected();

        assertThat(driver.send(CLIENT_SCRIPT)).isEqualTo(SERVER_SCRIPT);
        assertThat(driver.onlyMessage().rawText()).isEqualTo(RAW);
    }

    @Test
    void a_whole_session_split_at_every_byte_boundary_gives_the_same_replies_and_message() {
        byte[] script = SessionDriver.bytes(CLIENT_SCRIPT);

        for (int cut = 1; cut < script.length; cut++) {
            SessionDriver driver = SessionDriver.connected();
            driver.read(Arrays.copyOfRange(script, 0, cut));
            driver.read(Arrays.copyOfRange(script, cut, script.length));

            assertThat(driver.output()).as("split at %d", cut).isEqualTo(SERVER_SCRIPT);
            assertThat(driver.onlyMessage().rawText()).as("split at %d", cut).isEqualTo(RAW);
            assertThat(driver.record().endedBy()).as("split at %d", cut).contains(SessionEnd.QUIT);
        }
    }

    @Test
    void a_whole_session_split_at_every_byte_boundary_within_one_read_burst_gives_the_same_replies() {
        byte[] script = SessionDriver.bytes(CLIENT_SCRIPT);

        for (int cut = 1; cut < script.length; cut++) {
            SessionDriver driver = SessionDriver.connected();
            driver.read(Arrays.copyOfRange(script, 0, cut), Arrays.copyOfRange(script, cut, script.length));

            assertThat(driver.flushes()).as("split at %d", cut).containsExactly(SERVER_SCRIPT);
            assertThat(driver.onlyMessage().rawText()).as("split at %d", cut).isEqualTo(RAW);
        }
    }

    @Test
    void a_whole_session_fed_one_byte_per_read_gives_the_same_replies_and_message() {
        SessionDriver driver = SessionDriver.connected();

        assertThat(driver.sendByteByByte(SessionDriver.bytes(CLIENT_SCRIPT))).isEqualTo(SERVER_SCRIPT);
        assertThat(driver.onlyMessage().rawText()).isEqualTo(RAW);
        assertThat(driver.violations()).containsExactly(Violation.Type.NUL_IN_COMMAND);
    }

    /** Found by EngineProperties: a big read left its big buffer with the session for good. */
    @Test
    void a_big_read_does_not_leave_a_big_buffer_with_an_idle_session() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n");
        byte[] content = SessionDriver.bytes(("x".repeat(998) + "\r\n").repeat(64) + ".\r\n");

        assertThat(driver.send(content)).startsWith("250 2.0.0 OK: queued as 1");
        assertThat(driver.session.inputCapacity()).isLessThanOrEqualTo(InputBuffer.RETAINED_CAPACITY);
        assertThat(driver.onlyMessage().raw()).hasSize(64 * 1000);
    }
}
