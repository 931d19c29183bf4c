package dev.twofifty.assertj.error;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a session ended otherwise than expected, or is still open. */
public final class ShouldHaveEnded extends BasicErrorMessageFactory {

    private ShouldHaveEnded(SessionRecord session, SessionEnd expected) {
        super(
                "%nExpecting actual:%n  %s%nto have ended by:%n  %s%nbut %s",
                unquotedString(Describe.actual(session)),
                expected,
                unquotedString(session.endedBy()
                        .map(end -> "ended by:" + Describe.NL + "  " + end)
                        .orElse("it is still open")));
    }

    /**
     * Creates the message.
     *
     * @param session the session
     * @param expected how it should have ended
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveEndedBy(SessionRecord session, SessionEnd expected) {
        return new ShouldHaveEnded(session, expected);
    }
}
