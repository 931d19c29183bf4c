package dev.twofifty.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when an address is missing from a list of addresses; it shows the list. */
public final class ShouldContainAddress extends BasicErrorMessageFactory {

    private ShouldContainAddress(Object actual, String field, String expected, List<String> addresses) {
        super(
                "%nExpecting actual:%n  %s%nto have among its %s:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)), unquotedString(field), expected, addresses);
    }

    /**
     * Creates the message.
     *
     * @param actual the message or envelope
     * @param field what the addresses are, for example {@code envelope recipients} or {@code From addresses}
     * @param expected the address looked for
     * @param addresses the addresses there are
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainAddress(
            Object actual, String field, String expected, List<String> addresses) {
        return new ShouldContainAddress(actual, field, expected, addresses);
    }
}
