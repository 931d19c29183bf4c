package dev.twofifty.assertj.error;

import java.util.Optional;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when a single-valued property (subject, content type, charset, size,
 * file name, DSN parameter, ...) differs from the expected value.
 */
public final class ShouldHaveProperty extends BasicErrorMessageFactory {

    private ShouldHaveProperty(Object actual, String property, Object expected, Object value) {
        super(
                "%nExpecting actual:%n  %s%nto have %s:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)), unquotedString(property), expected, value);
    }

    /**
     * Creates the message.
     *
     * @param actual the object under test
     * @param property the property's name, for example {@code subject}
     * @param expected the expected value
     * @param value the actual value
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHave(Object actual, String property, Object expected, Object value) {
        return new ShouldHaveProperty(actual, property, expected, value);
    }

    /**
     * Creates the message for a property that may be absent; an absent one reads {@code none}.
     *
     * @param actual the object under test
     * @param property the property's name, for example {@code charset}
     * @param expected the expected value
     * @param value the actual value, if any
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHave(Object actual, String property, Object expected, Optional<?> value) {
        return new ShouldHaveProperty(
                actual, property, expected, value.isPresent() ? value.get() : unquotedString("none"));
    }

    /**
     * Creates the message for text compared exactly, with CR, LF and TAB shown as {@code \r}, {@code \n}, {@code \t}.
     *
     * @param actual the object under test
     * @param property the property's name, for example {@code text body}
     * @param expected the expected text
     * @param value the actual text, if any
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveText(
            Object actual, String property, String expected, Optional<String> value) {
        return new ShouldHaveProperty(
                actual,
                property,
                unquotedString(Describe.visible(expected)),
                unquotedString(value.map(Describe::visible).orElse("none")));
    }
}
