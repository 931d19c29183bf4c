package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;

import dev.twofifty.journal.SessionRecord;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when no command with a verb got a reply with a code; it shows what each got. */
public final class ShouldHaveGotReply extends BasicErrorMessageFactory {

    private ShouldHaveGotReply(SessionRecord session, String verb, int code, List<String> exchanges) {
        super(
                "%nExpecting actual:%n  %s%nto have got a %s reply to a %s command but %s",
                unquotedString(Describe.actual(session)),
                code,
                unquotedString(verb),
                unquotedString(
                        exchanges.isEmpty()
                                ? "it sent no " + verb + " command; its commands were:" + NL + "  " + session.commands()
                                : "got:" + NL + Describe.lines(exchanges)));
    }

    /**
     * Creates the message.
     *
     * @param session the session
     * @param verb the command verb
     * @param code the expected reply code
     * @param exchanges each command with that verb and its reply, as {@code RCPT TO:<a@x> -> 550 5.1.1 No such user}
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveGotReply(
            SessionRecord session, String verb, int code, List<String> exchanges) {
        return new ShouldHaveGotReply(session, verb, code, exchanges);
    }
}
