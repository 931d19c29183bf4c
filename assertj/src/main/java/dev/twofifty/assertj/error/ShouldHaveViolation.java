package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.lines;

import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a session lacks an expected protocol violation; it lists those it has. */
public final class ShouldHaveViolation extends BasicErrorMessageFactory {

    private ShouldHaveViolation(SessionRecord session, Violation.Type type) {
        super(
                "%nExpecting actual:%n  %s%nto have a violation of type:%n  %s%nbut %s",
                unquotedString(Describe.actual(session)),
                type,
                unquotedString(
                        session.violations().isEmpty()
                                ? "it had no violations"
                                : "it had:" + NL
                                        + lines(session.violations().stream()
                                                .map(Violation::toString)
                                                .toList())));
    }

    /**
     * Creates the message.
     *
     * @param session the session
     * @param type the expected kind of violation
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveViolation(SessionRecord session, Violation.Type type) {
        return new ShouldHaveViolation(session, type);
    }
}
