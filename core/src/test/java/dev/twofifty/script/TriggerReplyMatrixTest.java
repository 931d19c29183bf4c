package dev.twofifty.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.ScriptedStep.Reached;
import dev.twofifty.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every trigger × every reply-shaping action (scripted reply, multi-line reply, delay, drip,
 * fragments), each asserting the exact bytes the client receives. Times are lower bounds measured
 * from just before the client sent the step.
 */
@Timeout(10)
class TriggerReplyMatrixTest {

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final Duration DRIP = Duration.ofMillis(100);
    private static final Duration FRAGMENT_GAP = Duration.ofMillis(50);

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_scripted_reply_replaces_the_default_with_its_code_enhanced_code_and_text(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willReply(554, "5.7.1", "Scripted refusal"));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readRawReply()).isEqualTo("554 5.7.1 Scripted refusal\r\n");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_reply_of_several_lines_goes_out_in_multi_line_form_with_the_enhanced_code_on_each_line(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willReply(250, "2.0.0", "first", "second", "third"));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readRawReply())
                        .isEqualTo("250-2.0.0 first\r\n250-2.0.0 second\r\n250 2.0.0 third\r\n");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_reply_of_several_lines_without_an_enhanced_code_has_only_the_code_on_each_line(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willReply(SmtpReply.multiline(452, List.of("a", "b"))));

            try (RawSmtpClient client = step.reach(smtp).client()) {
                assertThat(client.readRawReply()).isEqualTo("452-a\r\n452 b\r\n");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_fixed_delay_holds_back_the_default_reply(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willDelay(DELAY));

            Reached reached = step.reach(smtp);
            try (RawSmtpClient client = reached.client()) {
                String reply = client.readRawReply();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - reached.startNanos());

                assertThat(reply).isEqualTo(step.defaultReply());
                assertThat(elapsed).isGreaterThanOrEqualTo(DELAY);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_dripped_reply_arrives_byte_by_byte_over_at_least_the_duration(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willDrip(DRIP));
            byte[] expected = step.defaultReply().getBytes(StandardCharsets.UTF_8);

            Reached reached = step.reach(smtp);
            try (RawSmtpClient client = reached.client()) {
                TimedBytes received = TimedBytes.read(client, expected.length, reached.startNanos());

                assertThat(received.text()).isEqualTo(step.defaultReply());
                Duration gap = DRIP.dividedBy(expected.length - 1);
                for (int i = 1; i < expected.length; i++) {
                    assertThat(received.at(i)).as("byte %d", i).isGreaterThanOrEqualTo(gap.multipliedBy(i));
                }
                assertThat(received.last()).isGreaterThanOrEqualTo(DRIP.minusNanos(expected.length));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScriptedStep.class)
    void a_fragmented_reply_is_split_at_the_given_offsets_with_the_gap_between_fragments(ScriptedStep step) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ScriptedStep.CONFIG)) {
            smtp.stubFor(step.rule().willFragment(FRAGMENT_GAP, 3, 4));
            byte[] expected = step.defaultReply().getBytes(StandardCharsets.UTF_8);

            Reached reached = step.reach(smtp);
            try (RawSmtpClient client = reached.client()) {
                TimedBytes received = TimedBytes.read(client, expected.length, reached.startNanos());

                assertThat(received.text()).isEqualTo(step.defaultReply());
                assertThat(received.at(3)).as("the second fragment").isGreaterThanOrEqualTo(FRAGMENT_GAP);
                assertThat(received.at(4))
                        .as("the third fragment")
                        .isGreaterThanOrEqualTo(FRAGMENT_GAP.multipliedBy(2));
            }
        }
    }
}
