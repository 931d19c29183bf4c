package dev.twofifty.assertj.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when an envelope has another sender (reverse-path) than expected. */
public final class ShouldHaveSender extends BasicErrorMessageFactory {

    private ShouldHaveSender(Object actual, String expected, String sender) {
        super(
                "%nExpecting actual:%n  %s%nto have envelope sender:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)),
                unquotedString("<" + expected + ">"),
                unquotedString("<" + sender + ">"));
    }

    /**
     * Creates the message; senders are shown in angle brackets, the null sender as {@code <>}.
     *
     * @param actual the message or envelope
     * @param expected the expected sender, {@code ""} for the null sender
     * @param sender the actual sender, {@code ""} for the null sender
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSender(Object actual, String expected, String sender) {
        return new ShouldHaveSender(actual, expected, sender);
    }
}
