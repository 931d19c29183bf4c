package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.count;
import static dev.twofifty.assertj.error.Describe.sessions;

import dev.twofifty.journal.SessionRecord;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a server or journal does not hold the expected sessions; it lists those it holds. */
public final class ShouldHaveSessions extends BasicErrorMessageFactory {

    private ShouldHaveSessions(Object actual, String expected, List<SessionRecord> sessions) {
        super(
                "%nExpecting actual:%n  %s%nto have %s but %s",
                unquotedString(Describe.actual(actual)),
                unquotedString(expected),
                unquotedString(
                        sessions.isEmpty()
                                ? "it had no sessions"
                                : "it had " + count(sessions.size(), "session") + ":" + NL + sessions(sessions)));
    }

    /**
     * Creates the message for {@code hasSessions(count)}.
     *
     * @param actual the server or journal
     * @param expected the expected number of sessions
     * @param sessions the sessions held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSessions(Object actual, int expected, List<SessionRecord> sessions) {
        return new ShouldHaveSessions(actual, count(expected, "session"), sessions);
    }

    /**
     * Creates the message for {@code session(index)} when there is no session at that index.
     *
     * @param actual the server or journal
     * @param index the 0-based index asked for
     * @param sessions the sessions held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSessionAt(Object actual, int index, List<SessionRecord> sessions) {
        return new ShouldHaveSessions(actual, "a session at index " + index, sessions);
    }

    /**
     * Creates the message for {@code lastSession()} when there is no session at all.
     *
     * @param actual the server or journal
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveASession(Object actual) {
        return new ShouldHaveSessions(actual, "a session", List.of());
    }
}
