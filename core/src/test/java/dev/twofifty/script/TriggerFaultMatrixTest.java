package dev.twofifty.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.testing.RawSmtpClient;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every trigger × every connection fault, each asserting exactly what the client sees on the wire. */
@Timeout(10)
class TriggerFaultMatrixTest {

    private static final Duration SILENCE = Duration.ofMillis(100);
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final byte[] GARBAGE = {'*', 0x00, (byte) 0xff, 'n', 'o', 't', ' ', 'S', 'M', 'T', 'P', '\n'};

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void close_ends_the_connection_with_a_fin_and_no_reply(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.close()));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readByte()).isEqualTo(-1);
            }
            assertThat(endedSession(smtp).endedBy()).contains(SessionEnd.FAULT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void reset_ends_the_connection_with_an_rst_and_no_reply(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.reset()));

            // At CONNECT the RST can already be there when the client's connect completes.
            assertThatThrownBy(() -> {
                        try (RawSmtpClient client = step.reach(smtp).client()) {
                            client.readByte();
                        }
                    })
                    .isInstanceOf(UncheckedIOException.class)
                    .cause()
                    .isInstanceOf(SocketException.class)
                    .hasMessageStartingWith("Connection reset");
            assertThat(endedSession(smtp).endedBy()).contains(SessionEnd.FAULT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void stall_never_replies_and_keeps_the_connection_open(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.stall()));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.isSilentFor(SILENCE)).isTrue();
                client.send("NOOP");
                assertThat(client.isSilentFor(SILENCE.dividedBy(2))).isTrue();
                assertThat(smtp.sessions())
                        .singleElement()
                        .satisfies(session -> assertThat(session.isOpen()).isTrue());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void reply_then_close_sends_the_reply_and_then_a_fin(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.replyThenClose()));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(new String(client.readUntilClosed(), StandardCharsets.UTF_8))
                        .isEqualTo(step.defaultReply());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void garbage_then_close_sends_exactly_the_garbage_instead_of_a_reply_and_then_a_fin(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.garbageThenClose(GARBAGE)));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readUntilClosed()).containsExactly(GARBAGE);
            }
            assertThat(endedSession(smtp).endedBy()).contains(SessionEnd.FAULT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ScriptedStep.class, mode = EnumSource.Mode.EXCLUDE, names = "QUIT")
    void stop_reading_sends_the_reply_and_then_reads_nothing_more(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFault(Fault.stopReading()));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readRawReply()).isEqualTo(step.defaultReply());
                client.send("NOOP");
                assertThat(client.isSilentFor(SILENCE)).isTrue();
                assertThat(smtp.sessions())
                        .singleElement()
                        .satisfies(session -> assertThat(session.isOpen()).isTrue());
            }
        }
    }

    @Test
    void stop_reading_at_quit_still_closes_after_the_221() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(ScriptedStep.QUIT.rule().willFault(Fault.stopReading()));

            try (RawSmtpClient client = ScriptedStep.QUIT.reach(smtp).client()) {
                assertThat(new String(client.readUntilClosed(), StandardCharsets.UTF_8))
                        .isEqualTo("221 2.0.0 localhost Bye\r\n");
            }
            assertThat(endedSession(smtp).endedBy()).contains(SessionEnd.QUIT);
        }
    }

    private static SessionRecord endedSession(FakeSmtpServer smtp) {
        return smtp.journal().awaitEndedSessions(1, AWAIT).get(0);
    }
}
