package dev.twofifty.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a message has a header it should not have; it shows the values. */
public final class ShouldNotHaveHeader extends BasicErrorMessageFactory {

    private ShouldNotHaveHeader(Object actual, String name, List<String> values) {
        super(
                "%nExpecting actual:%n  %s%nnot to have a header named:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)), name, values);
    }

    /**
     * Creates the message.
     *
     * @param actual the message
     * @param name the header name
     * @param values the values of the headers with that name
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldNotHaveHeader(Object actual, String name, List<String> values) {
        return new ShouldNotHaveHeader(actual, name, values);
    }
}
