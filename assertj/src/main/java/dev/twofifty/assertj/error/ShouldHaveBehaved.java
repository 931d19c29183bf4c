package dev.twofifty.assertj.error;

import dev.twofifty.journal.SessionRecord;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when a client did not behave as expected on the wire (STARTTLS, TLS,
 * QUIT): the expectation, why it failed, and the session's commands.
 */
public final class ShouldHaveBehaved extends BasicErrorMessageFactory {

    private ShouldHaveBehaved(SessionRecord session, String expectation, String reason) {
        super(
                "%nExpecting actual:%n  %s%nto have %s but %s; its commands were:%n  %s",
                unquotedString(Describe.actual(session)),
                unquotedString(expectation),
                unquotedString(reason),
                unquotedString(session.commands().toString()));
    }

    /**
     * Creates the message for {@code usedStartTls()}.
     *
     * @param session the session
     * @param reason why the check failed, for example {@code it sent no STARTTLS command}
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveUsedStartTls(SessionRecord session, String reason) {
        return new ShouldHaveBehaved(session, "used STARTTLS", reason);
    }

    /**
     * Creates the message for {@code usedStartTlsBeforeAuth()}.
     *
     * @param session the session
     * @param reason why the check failed
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveUsedStartTlsBeforeAuth(SessionRecord session, String reason) {
        return new ShouldHaveBehaved(session, "used STARTTLS before AUTH", reason);
    }

    /**
     * Creates the message for {@code resentEhloAfterTls()}.
     *
     * @param session the session
     * @param reason why the check failed
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveResentEhloAfterTls(SessionRecord session, String reason) {
        return new ShouldHaveBehaved(session, "sent EHLO again after STARTTLS", reason);
    }

    /**
     * Creates the message for {@code usedTls()}.
     *
     * @param session the session
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveUsedTls(SessionRecord session) {
        return new ShouldHaveBehaved(session, "used TLS", "no TLS was negotiated");
    }

    /**
     * Creates the message for {@code sentQuit()}.
     *
     * @param session the session
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSentQuit(SessionRecord session) {
        return new ShouldHaveBehaved(
                session,
                "sent QUIT",
                "it did not"
                        + session.endedBy()
                                .map(end -> " (ended by " + end + ")")
                                .orElse(""));
    }

    /**
     * Creates the message for {@code sentQuitAndWaitedForReply()}.
     *
     * @param session the session
     * @param reason why the check failed
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSentQuitAndWaitedForReply(SessionRecord session, String reason) {
        return new ShouldHaveBehaved(session, "sent QUIT and waited for the reply", reason);
    }
}
