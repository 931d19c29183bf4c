package dev.twofifty.assertj.error;

import java.util.List;
import java.util.Optional;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a text or HTML body lacks expected content; it shows the body. */
public final class ShouldHaveBody extends BasicErrorMessageFactory {

    private ShouldHaveBody(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * Creates the message for {@code hasTextBodyContaining} and {@code hasHtmlBodyContaining}.
     *
     * @param actual the message
     * @param part {@code text} or {@code HTML}
     * @param expected the strings looked for
     * @param missing the strings not found
     * @param body the body, if the message has one
     * @param contentType the message's top-level content type, shown when there is no body
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveBodyContaining(
            Object actual,
            String part,
            List<String> expected,
            List<String> missing,
            Optional<String> body,
            String contentType) {
        if (body.isEmpty()) {
            return noBody(actual, part, "containing", expected, contentType);
        }
        return new ShouldHaveBody(
                "%nExpecting actual:%n  %s%nto have a %s body containing:%n  %s%nbut could not find:%n  %s%nin:%n  %s",
                unquotedString(Describe.actual(actual)), unquotedString(part), expected, missing, body.get());
    }

    /**
     * Creates the message for {@code hasTextBodyMatching} and {@code hasHtmlBodyMatching}.
     *
     * @param actual the message
     * @param part {@code text} or {@code HTML}
     * @param regex the regular expression looked for
     * @param body the body, if the message has one
     * @param contentType the message's top-level content type, shown when there is no body
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveBodyMatching(
            Object actual, String part, String regex, Optional<String> body, String contentType) {
        if (body.isEmpty()) {
            return noBody(actual, part, "with a match for", regex, contentType);
        }
        return new ShouldHaveBody(
                "%nExpecting actual:%n  %s%nto have a %s body with a match for:%n  %s%nbut had:%n  %s",
                unquotedString(Describe.actual(actual)), unquotedString(part), regex, body.get());
    }

    /**
     * Creates the message for {@code hasNoHtmlBody()}.
     *
     * @param actual the message
     * @param html the HTML body the message has
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoHtmlBody(Object actual, String html) {
        return new ShouldHaveBody(
                "%nExpecting actual:%n  %s%nnot to have an HTML body but had:%n  %s",
                unquotedString(Describe.actual(actual)), html);
    }

    private static ShouldHaveBody noBody(
            Object actual, String part, String relation, Object expected, String contentType) {
        return new ShouldHaveBody(
                "%nExpecting actual:%n  %s%nto have a %s body %s:%n  %s%nbut it had no %s body (content type %s)",
                unquotedString(Describe.actual(actual)),
                unquotedString(part),
                unquotedString(relation),
                expected,
                unquotedString(part),
                unquotedString(contentType));
    }
}
