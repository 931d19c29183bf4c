package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.twofifty.FakeSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code within(Duration)}: checks retried until they pass or time is up, against a real server. */
@Timeout(10)
class FakeSmtpAssertWithinTest {

    private static final String HELLO = "Subject: Hello\r\n\r\nHi\r\n";

    private FakeSmtpServer smtp;
    private CompletableFuture<String> delivery = CompletableFuture.completedFuture("");

    @BeforeEach
    void start() {
        smtp = FakeSmtpServer.start();
    }

    @AfterEach
    void stop() {
        delivery.join();
        smtp.close();
    }

    private String actual() {
        return "FakeSmtpServer[127.0.0.1:" + smtp.port() + "]";
    }

    private String send(String to) {
        return SmtpClient.send(smtp.port(), "ann@example.com", List.of(to), HELLO);
    }

    /** Sends a message from another thread about 100 ms from now (a scheduled task, not a sleep). */
    private void sendLater(String to) {
        delivery = CompletableFuture.supplyAsync(
                () -> send(to), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }

    @Nested
    class Within {

        @Test
        void should_wait_for_a_message_that_arrives_later() {
            // GIVEN
            sendLater("bob@example.com");
            // THEN
            assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
            then(delivery.join()).isEqualTo("250 2.0.0 OK: queued as 1");
        }

        @Test
        void should_retry_checks_other_than_counts() {
            // GIVEN
            sendLater("bob@example.com");
            // THEN
            assertThat(smtp)
                    .within(Duration.ofSeconds(5))
                    .hasReceivedMessageTo("bob@example.com")
                    .hasSessions(1)
                    .messageTo("bob@example.com")
                    .hasSubject("Hello");
        }

        @Test
        void should_wait_for_a_message_to_navigate_to() {
            // GIVEN
            sendLater("bob@example.com");
            // THEN
            assertThat(smtp.journal()).within(Duration.ofSeconds(5)).message(0).hasEnvelopeRecipient("bob@example.com");
        }

        @Test
        void should_fail_with_what_was_awaited_and_what_arrived() {
            // GIVEN
            send("bob@example.com");
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(smtp).within(Duration.ofMillis(300)).hasReceived(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %1$s
                    to pass hasReceived(2) within 300 ms but it still failed when the time was up; last failure:
                    Expecting actual:
                      %1$s
                    to have received 2 messages but had received 1 message:
                      [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hello\"""".formatted(actual())));
        }

        @Test
        void should_fail_a_retried_check_with_its_last_failure() {
            // GIVEN
            send("bob@example.com");
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(smtp).within(Duration.ofMillis(200)).hasReceivedMessageTo("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %1$s
                    to pass hasReceivedMessageTo("eve@example.com") within 200 ms but it still failed when the time was up; last failure:
                    Expecting actual:
                      %1$s
                    to have received a message to:
                      "eve@example.com"
                    but the messages went to:
                      [0] message 1: <bob@example.com>""".formatted(actual())));
        }

        @Test
        void should_fail_at_once_when_more_messages_arrived_than_expected() {
            // GIVEN
            send("bob@example.com");
            send("carl@example.com");
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received 1 message but had received 2 messages:
                      [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hello"
                      [1] message 2 from <ann@example.com> to <carl@example.com>, subject "Hello\"""".formatted(actual())));
        }

        @Test
        void should_keep_the_description() {
            // WHEN
            AssertionError error = expectAssertionError(() ->
                    assertThat(smtp).as("outbox").within(Duration.ofMillis(50)).hasSessions(1));
            // THEN
            then(error).hasMessage(lines("""
                    [outbox] \n\
                    Expecting actual:
                      %1$s
                    to pass hasSessions(1) within 50 ms but it still failed when the time was up; last failure:
                    [outbox] \n\
                    Expecting actual:
                      %1$s
                    to have 1 session but it had no sessions""".formatted(actual())));
        }

        @Test
        void should_reject_a_timeout_that_is_not_positive() {
            thenIllegalArgumentException()
                    .isThrownBy(() -> assertThat(smtp).within(Duration.ZERO))
                    .withMessage("The timeout must be positive but was PT0S");
        }
    }
}
