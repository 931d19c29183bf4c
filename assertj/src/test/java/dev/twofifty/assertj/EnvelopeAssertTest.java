package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.envelope;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static dev.twofifty.assertj.TestData.recipient;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.Envelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnvelopeAssertTest {

    private static final Envelope SIMPLE = envelope("ann@example.com", "bob@example.com", "carl@example.com");
    private static final String SIMPLE_ACTUAL =
            "envelope from <ann@example.com> to [<bob@example.com>, <carl@example.com>]";

    private static final Envelope DSN = envelope(
            parameters("SIZE", "1024", "RET", "hdrs", "ENVID", "QQ314159+2Bx"),
            List.of(
                    recipient("bob@example.com", "NOTIFY", "SUCCESS,FAILURE", "ORCPT", "rfc822;bob+2Bold@example.com"),
                    recipient("carl@example.com", "NOTIFY", "NEVER")));
    private static final String DSN_ACTUAL = "envelope from <ann@example.com> SIZE=1024 RET=hdrs ENVID=QQ314159+2Bx to"
            + " [<bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bold@example.com, <carl@example.com>"
            + " NOTIFY=NEVER]";

    private static Map<String, String> parameters(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Nested
    class HasSender {

        @Test
        void should_pass_with_the_domain_in_another_case() {
            assertThat(SIMPLE).hasSender("ann@Example.COM");
        }

        @Test
        void should_fail_when_the_local_part_differs_in_case() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(SIMPLE).hasSender("Ann@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have envelope sender:
                      <Ann@example.com>
                    but had:
                      <ann@example.com>""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasNullSender {

        @Test
        void should_pass_for_a_bounce() {
            assertThat(envelope("", "bob@example.com")).hasNullSender();
        }

        @Test
        void should_fail_with_the_sender() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(SIMPLE).hasNullSender());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have envelope sender:
                      <>
                    but had:
                      <ann@example.com>""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasRecipients {

        @Test
        void should_pass_with_the_recipients_in_order() {
            assertThat(SIMPLE).hasRecipients("bob@example.com", "carl@EXAMPLE.com");
        }

        @Test
        void should_fail_when_the_order_differs() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(SIMPLE).hasRecipients("carl@example.com", "bob@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have recipients (in this order):
                      ["carl@example.com", "bob@example.com"]
                    but had:
                      ["bob@example.com", "carl@example.com"]""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasRecipient {

        @Test
        void should_pass_with_one_of_the_recipients() {
            assertThat(SIMPLE).hasRecipient("carl@example.com");
        }

        @Test
        void should_fail_with_the_recipients() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(SIMPLE).hasRecipient("dora@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have among its recipients:
                      "dora@example.com"
                    but had:
                      ["bob@example.com", "carl@example.com"]""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasMailParameter {

        @Test
        void should_pass_with_the_keyword_in_any_case() {
            assertThat(DSN).hasMailParameter("size", "1024");
        }

        @Test
        void should_fail_with_the_parameters_sent() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(DSN).hasMailParameter("body", "8BITMIME"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have MAIL parameter:
                      BODY=8BITMIME
                    but had:
                      SIZE=1024 RET=hdrs ENVID=QQ314159+2Bx""".formatted(DSN_ACTUAL)));
        }

        @Test
        void should_fail_when_mail_had_no_parameters() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(SIMPLE).hasMailParameter("SMTPUTF8", ""));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have MAIL parameter:
                      SMTPUTF8
                    but MAIL had no parameters""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasDsnReturn {

        @Test
        void should_pass_ignoring_case() {
            assertThat(DSN).hasDsnReturn("HDRS");
        }

        @Test
        void should_fail_when_ret_was_not_sent() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(SIMPLE).hasDsnReturn("FULL"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have DSN RET:
                      "FULL"
                    but had:
                      none""".formatted(SIMPLE_ACTUAL)));
        }
    }

    @Nested
    class HasDsnEnvelopeId {

        @Test
        void should_pass_with_the_xtext_decoded() {
            assertThat(DSN).hasDsnEnvelopeId("QQ314159+x");
        }

        @Test
        void should_fail_with_the_decoded_value() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(DSN).hasDsnEnvelopeId("QQ314159+2Bx"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have DSN ENVID:
                      "QQ314159+2Bx"
                    but had:
                      "QQ314159+x\"""".formatted(DSN_ACTUAL)));
        }
    }

    @Nested
    class HasDsnNotify {

        @Test
        void should_pass_with_the_values_in_any_order_and_case() {
            assertThat(DSN).hasDsnNotify("bob@example.com", "failure", "SUCCESS");
            assertThat(DSN).hasDsnNotify("carl@example.com", "NEVER");
        }

        @Test
        void should_fail_with_the_values_sent() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(DSN).hasDsnNotify("bob@example.com", "FAILURE", "DELAY"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have DSN NOTIFY for bob@example.com:
                      ["FAILURE", "DELAY"]
                    but had:
                      ["SUCCESS", "FAILURE"]""".formatted(DSN_ACTUAL)));
        }

        @Test
        void should_fail_when_the_address_is_not_a_recipient() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(DSN).hasDsnNotify("dora@example.com", "NEVER"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have among its recipients:
                      "dora@example.com"
                    but had:
                      ["bob@example.com", "carl@example.com"]""".formatted(DSN_ACTUAL)));
        }
    }

    @Nested
    class HasDsnOriginalRecipient {

        @Test
        void should_pass_with_the_xtext_decoded() {
            assertThat(DSN).hasDsnOriginalRecipient("bob@example.com", "rfc822;bob+old@example.com");
        }

        @Test
        void should_fail_when_orcpt_was_not_sent() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(DSN).hasDsnOriginalRecipient("carl@example.com", "rfc822;carl@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have DSN ORCPT for carl@example.com:
                      "rfc822;carl@example.com"
                    but had:
                      none""".formatted(DSN_ACTUAL)));
        }
    }
}
