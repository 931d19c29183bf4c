package dev.twofifty.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when envelope recipients are missing from the To and Cc headers (Bcc). */
public final class ShouldHaveNoBlindRecipients extends BasicErrorMessageFactory {

    private ShouldHaveNoBlindRecipients(Object actual, List<String> blind, List<String> headerRecipients) {
        super(
                "%nExpecting actual:%n  %s%nto have no blind (Bcc) recipients but these envelope recipients are not in"
                        + " the To or Cc header:%n  %s%nwhich named:%n  %s",
                unquotedString(Describe.actual(actual)), blind, headerRecipients);
    }

    /**
     * Creates the message.
     *
     * @param actual the message
     * @param blind the envelope recipients the headers do not name
     * @param headerRecipients the addresses the To, Cc (and Bcc) headers name
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoBlindRecipients(
            Object actual, List<String> blind, List<String> headerRecipients) {
        return new ShouldHaveNoBlindRecipients(actual, blind, headerRecipients);
    }
}
