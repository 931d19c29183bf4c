package dev.twofifty.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when a list of addresses (envelope recipients, To or Cc header, blind
 * recipients) is not exactly the expected one.
 */
public final class ShouldHaveAddresses extends BasicErrorMessageFactory {

    private ShouldHaveAddresses(Object actual, String field, List<String> expected, List<String> addresses) {
        super(
                "%nExpecting actual:%n  %s%nto have %s:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)), unquotedString(field), expected, addresses);
    }

    /**
     * Creates the message for an exact comparison in any order.
     *
     * @param actual the message or envelope
     * @param field what the addresses are, for example {@code envelope recipients}
     * @param expected the expected addresses
     * @param addresses the actual addresses
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAddresses(
            Object actual, String field, List<String> expected, List<String> addresses) {
        return new ShouldHaveAddresses(actual, field + " (in any order)", expected, addresses);
    }

    /**
     * Creates the message for an exact comparison in order.
     *
     * @param actual the message or envelope
     * @param field what the addresses are, for example {@code envelope recipients}
     * @param expected the expected addresses, in order
     * @param addresses the actual addresses
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAddressesInOrder(
            Object actual, String field, List<String> expected, List<String> addresses) {
        return new ShouldHaveAddresses(actual, field + " (in this order)", expected, addresses);
    }
}
