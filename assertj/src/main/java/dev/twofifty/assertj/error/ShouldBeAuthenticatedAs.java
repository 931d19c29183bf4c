package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;

import dev.twofifty.journal.SessionRecord;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a session did not authenticate as the expected user; it shows its AUTH exchanges. */
public final class ShouldBeAuthenticatedAs extends BasicErrorMessageFactory {

    private ShouldBeAuthenticatedAs(SessionRecord session, String user, List<String> authExchanges) {
        super(
                "%nExpecting actual:%n  %s%nto be authenticated as:%n  %s%nbut %s",
                unquotedString(Describe.actual(session)),
                user,
                unquotedString(session.authenticatedAs()
                        .map(other -> "was authenticated as:" + NL + "  \"" + other + "\"")
                        .orElse(
                                authExchanges.isEmpty()
                                        ? "it sent no AUTH command"
                                        : "it did not authenticate:" + NL + Describe.lines(authExchanges))));
    }

    /**
     * Creates the message.
     *
     * @param session the session
     * @param user the expected user name
     * @param authExchanges the AUTH command and SASL responses with their replies (secrets masked)
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldBeAuthenticatedAs(
            SessionRecord session, String user, List<String> authExchanges) {
        return new ShouldBeAuthenticatedAs(session, user, authExchanges);
    }
}
