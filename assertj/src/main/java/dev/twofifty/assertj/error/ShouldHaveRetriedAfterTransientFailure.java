package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.lines;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when no transaction was accepted after a transient (4xx) reply; it
 * summarises each session's replies and transaction outcomes.
 */
public final class ShouldHaveRetriedAfterTransientFailure extends BasicErrorMessageFactory {

    private ShouldHaveRetriedAfterTransientFailure(Object actual, String reason, List<String> sessions) {
        super(
                "%nExpecting actual:%n  %s%nto show a transaction accepted after a transient (4xx) failure but %s%s",
                unquotedString(Describe.actual(actual)),
                unquotedString(reason),
                unquotedString(sessions.isEmpty() ? "" : ":" + NL + lines(sessions)));
    }

    /**
     * Creates the message.
     *
     * @param actual the server or journal
     * @param reason why the check failed, for example {@code the client never got a 4xx reply}
     * @param sessions one summary line per session: its replies and the outcomes of its transactions
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveRetriedAfterTransientFailure(
            Object actual, String reason, List<String> sessions) {
        return new ShouldHaveRetriedAfterTransientFailure(actual, reason, sessions);
    }
}
