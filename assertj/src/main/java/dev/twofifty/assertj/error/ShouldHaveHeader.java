package dev.twofifty.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a message lacks a header, or a header value; it shows what the message has. */
public final class ShouldHaveHeader extends BasicErrorMessageFactory {

    private ShouldHaveHeader(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * Creates the message for {@code hasHeader(name)}: lists the header names the message has.
     *
     * @param actual the message
     * @param name the header name looked for
     * @param names the message's header names, in order
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveHeader(Object actual, String name, List<String> names) {
        return new ShouldHaveHeader(
                "%nExpecting actual:%n  %s%nto have a header named:%n  %s%nbut had only:%n  %s",
                unquotedString(Describe.actual(actual)), name, names);
    }

    /**
     * Creates the message for {@code hasHeader(name, value)}.
     *
     * @param actual the message
     * @param name the header name
     * @param value the expected value
     * @param values the values of the headers with that name (empty if there is none)
     * @param names the message's header names, in order
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveHeaderValue(
            Object actual, String name, String value, List<String> values, List<String> names) {
        return withValues(actual, name, "with value", value, values, names);
    }

    /**
     * Creates the message for {@code hasHeaderMatching(name, regex)}.
     *
     * @param actual the message
     * @param name the header name
     * @param regex the regular expression a value should match in full
     * @param values the values of the headers with that name (empty if there is none)
     * @param names the message's header names, in order
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveHeaderMatching(
            Object actual, String name, String regex, List<String> values, List<String> names) {
        return withValues(actual, name, "with a value matching", regex, values, names);
    }

    private static ErrorMessageFactory withValues(
            Object actual, String name, String relation, String expected, List<String> values, List<String> names) {
        if (values.isEmpty()) {
            return new ShouldHaveHeader(
                    "%nExpecting actual:%n  %s%nto have a %s header %s:%n  %s%nbut had no such header, only:%n  %s",
                    unquotedString(Describe.actual(actual)),
                    unquotedString(name),
                    unquotedString(relation),
                    expected,
                    names);
        }
        return new ShouldHaveHeader(
                "%nExpecting actual:%n  %s%nto have a %s header %s:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)),
                unquotedString(name),
                unquotedString(relation),
                expected,
                values);
    }
}
