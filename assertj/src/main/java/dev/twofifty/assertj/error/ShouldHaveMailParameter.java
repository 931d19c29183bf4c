package dev.twofifty.assertj.error;

import dev.twofifty.protocol.EsmtpParameters;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when the MAIL command lacked a parameter (or {@code SMTPUTF8}); it shows those sent. */
public final class ShouldHaveMailParameter extends BasicErrorMessageFactory {

    private ShouldHaveMailParameter(Object actual, String expected, EsmtpParameters parameters) {
        super(
                "%nExpecting actual:%n  %s%nto have MAIL parameter:%n  %s%nbut %s",
                unquotedString(Describe.actual(actual)),
                unquotedString(expected),
                unquotedString(
                        parameters.isEmpty() ? "MAIL had no parameters" : "had:" + Describe.NL + "  " + parameters));
    }

    /**
     * Creates the message for {@code hasMailParameter(name, value)}.
     *
     * @param actual the message or envelope
     * @param name the parameter's keyword
     * @param value the expected value, {@code ""} for a parameter without a value
     * @param parameters the MAIL parameters sent
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveMailParameter(
            Object actual, String name, String value, EsmtpParameters parameters) {
        return new ShouldHaveMailParameter(actual, value.isEmpty() ? name : name + "=" + value, parameters);
    }

    /**
     * Creates the message for {@code usedSmtpUtf8()}.
     *
     * @param actual the message
     * @param parameters the MAIL parameters sent
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveUsedSmtpUtf8(Object actual, EsmtpParameters parameters) {
        return new ShouldHaveMailParameter(actual, "SMTPUTF8", parameters);
    }
}
