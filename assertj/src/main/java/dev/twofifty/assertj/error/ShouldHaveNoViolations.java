package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.lines;
import static dev.twofifty.assertj.error.Describe.session;
import static dev.twofifty.assertj.error.Describe.subLines;

import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a client broke the protocol although no violation was expected. */
public final class ShouldHaveNoViolations extends BasicErrorMessageFactory {

    private static final String FORMAT =
            "%nExpecting actual:%n  %s%nto have no client protocol violations but had:%n%s";

    private ShouldHaveNoViolations(Object actual, String violations) {
        super(FORMAT, unquotedString(Describe.actual(actual)), unquotedString(violations));
    }

    /**
     * Creates the message for a server or journal: the violations grouped per session.
     *
     * @param actual the server or journal
     * @param sessions the sessions that have violations
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoViolations(Object actual, List<SessionRecord> sessions) {
        String grouped = sessions.stream()
                .map(session -> "  " + session(session) + ":" + NL
                        + subLines(session.violations().stream()
                                .map(Violation::toString)
                                .toList()))
                .collect(Collectors.joining(NL));
        return new ShouldHaveNoViolations(actual, grouped);
    }

    /**
     * Creates the message for one session.
     *
     * @param session the session
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoViolations(SessionRecord session) {
        return new ShouldHaveNoViolations(
                session,
                lines(session.violations().stream().map(Violation::toString).toList()));
    }
}
