package dev.twofifty.assertj;

import static dev.twofifty.assertj.TestData.MULTIPART;
import static dev.twofifty.assertj.TestData.PLAIN;
import static dev.twofifty.assertj.TestData.envelope;
import static dev.twofifty.assertj.TestData.lines;
import static dev.twofifty.assertj.TestData.message;
import static org.assertj.core.api.BDDAssertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import java.util.List;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SmtpSoftAssertionsTest {

    private static final ReceivedMessage PLAIN_MESSAGE = message(PLAIN);
    private static final ReceivedMessage MULTIPART_MESSAGE =
            message(2, envelope("ann@example.com", "bob@example.com"), MULTIPART);
    private static final Journal JOURNAL =
            new StubJournal(List.of(PLAIN_MESSAGE, MULTIPART_MESSAGE), List.of(Sessions.PIPELINED));

    private static final String SUBJECT_NOT_GOODBYE = lines("""

            Expecting actual:
              message 1 from <ann@example.com> to <bob@example.com>, subject "Hello"
            to have subject:
              "Goodbye"
            but had:
              "Hello\"""");
    private static final String NO_QUIT = lines("""

            Expecting actual:
              session 1 from 127.0.0.1:40000
            to have sent QUIT but it did not (ended by CLIENT_CLOSE); its commands were:
              [EHLO, AUTH, MAIL, RCPT, DATA]""");

    /** The messages of the collected failures, without the line AssertJ adds to say where each one was made. */
    private static List<String> messages(List<? extends Throwable> failures) {
        return failures.stream()
                .map(Throwable::getMessage)
                .map(message -> message.substring(0, message.lastIndexOf(System.lineSeparator() + "at ")))
                .toList();
    }

    @Nested
    class EntryPoints {

        @Test
        @Timeout(10)
        void should_collect_the_failures_of_several_asserts() {
            // GIVEN
            SmtpSoftAssertions softly = new SmtpSoftAssertions();
            try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
                // WHEN
                softly.assertThat(smtp).hasReceived(1).hasSessions(0);
                softly.assertThat(JOURNAL).hasReceived(2);
                softly.assertThat(PLAIN_MESSAGE).hasSubject("Goodbye").hasNoHtmlBody();
                softly.assertThat(PLAIN_MESSAGE.envelope()).hasNullSender();
                softly.assertThat(Sessions.PIPELINED).sentQuit().pipelined();
                softly.assertThat(MULTIPART_MESSAGE.parsed().attachments().get(0))
                        .hasFileName("order.csv");
                softly.assertThatTranscript(Sessions.SECURE.transcript()).containsClientLine("QUIT");
                // THEN
                String nothingReceived = lines("""

                        Expecting actual:
                          FakeSmtpServer[127.0.0.1:%d]
                        to have received 1 message but had received none""".formatted(smtp.port()));
                String notNullSender = lines("""

                        Expecting actual:
                          envelope from <ann@example.com> to [<bob@example.com>]
                        to have envelope sender:
                          <>
                        but had:
                          <ann@example.com>""");
                then(messages(softly.errorsCollected()))
                        .containsExactly(nothingReceived, SUBJECT_NOT_GOODBYE, notNullSender, NO_QUIT);
            }
        }

        @Test
        void should_report_every_failure_in_assert_all() {
            // GIVEN
            SmtpSoftAssertions softly = new SmtpSoftAssertions();
            softly.assertThat(PLAIN_MESSAGE).hasSubject("Goodbye");
            softly.assertThat(Sessions.PIPELINED).sentQuit();
            // WHEN
            AssertJMultipleFailuresError error =
                    catchThrowableOfType(AssertJMultipleFailuresError.class, softly::assertAll);
            // THEN
            then(messages(error.getFailures())).containsExactly(SUBJECT_NOT_GOODBYE, NO_QUIT);
            then(error).hasMessageStartingWith(lines("\nMultiple Failures (2 failures)\n-- failure 1 --"));
        }

        @Test
        void should_throw_nothing_when_every_check_passes() {
            SmtpSoftAssertions.assertSoftly(softly -> {
                softly.assertThat(JOURNAL).hasReceived(2).message(1).hasAttachmentNamed("order.csv");
                softly.assertThat(PLAIN_MESSAGE).hasSubject("Hello");
            });
        }
    }

    @Nested
    class Navigation {

        @Test
        void should_collect_the_failures_of_navigated_asserts_and_go_on() {
            // GIVEN
            SmtpSoftAssertions softly = new SmtpSoftAssertions();
            // WHEN
            softly.assertThat(JOURNAL).message(0).hasSubject("Goodbye").hasNoHtmlBody();
            softly.assertThat(JOURNAL).lastSession().sentQuit().transcript().containsClientLine("EHLO client.example");
            softly.assertThat(MULTIPART_MESSAGE).attachment(0).hasSize(1).hasFileName("order.csv");
            softly.assertThat(PLAIN_MESSAGE).envelope().hasRecipients("carl@example.com");
            // THEN
            String attachmentSize = lines("""

                    Expecting actual:
                      Attachment[order.csv, text/csv, 20 octets]
                    to have size in octets:
                      1
                    but had:
                      20""");
            String recipients = lines("""

                    Expecting actual:
                      envelope from <ann@example.com> to [<bob@example.com>]
                    to have recipients (in this order):
                      ["carl@example.com"]
                    but had:
                      ["bob@example.com"]""");
            then(messages(softly.errorsCollected()))
                    .containsExactly(SUBJECT_NOT_GOODBYE, NO_QUIT, attachmentSize, recipients);
        }

        @Test
        void should_fail_with_all_failures_through_assert_softly() {
            // WHEN
            AssertJMultipleFailuresError error = catchThrowableOfType(
                    AssertJMultipleFailuresError.class,
                    () -> SmtpSoftAssertions.assertSoftly(softly -> {
                        softly.assertThat(JOURNAL).messageTo("bob@example.com").hasSubject("Goodbye");
                        softly.assertThat(JOURNAL).lastSession().sentQuit();
                    }));
            // THEN
            then(messages(error.getFailures())).containsExactly(SUBJECT_NOT_GOODBYE, NO_QUIT);
        }
    }
}
