package dev.twofifty.assertj.error;

import dev.twofifty.journal.SessionRecord;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a session's commands are not the expected ones; it shows the commands sent. */
public final class ShouldHaveCommands extends BasicErrorMessageFactory {

    private ShouldHaveCommands(String format, SessionRecord session, Object expected, Object sent) {
        super(format, unquotedString(Describe.actual(session)), expected, sent);
    }

    /**
     * Creates the message for {@code hasCommands(verbs...)}.
     *
     * @param session the session
     * @param expected the expected verbs, in order
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveCommands(SessionRecord session, List<String> expected) {
        return new ShouldHaveCommands(
                "%nExpecting actual:%n  %s%nto have sent exactly the commands:%n  %s%nbut sent:%n  %s",
                session,
                unquotedString(expected.toString()),
                unquotedString(session.commands().toString()));
    }

    /**
     * Creates the message for {@code containsCommandsInOrder(verbs...)}.
     *
     * @param session the session
     * @param expected the verbs expected in this order, possibly with others between them
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainCommandsInOrder(SessionRecord session, List<String> expected) {
        return new ShouldHaveCommands(
                "%nExpecting actual:%n  %s%nto have sent the commands in this order:%n  %s%nbut sent:%n  %s",
                session,
                unquotedString(expected.toString()),
                unquotedString(session.commands().toString()));
    }

    /**
     * Creates the message for {@code sentCommand(verb)}.
     *
     * @param session the session
     * @param verb the verb looked for
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveSentCommand(SessionRecord session, String verb) {
        return new ShouldHaveCommands(
                "%nExpecting actual:%n  %s%nto have sent the command:%n  %s%nbut sent:%n  %s",
                session, unquotedString(verb), unquotedString(session.commands().toString()));
    }

    /**
     * Creates the message for {@code didNotSendCommand(verb)}.
     *
     * @param session the session
     * @param verb the verb that should not have been sent
     * @param lines the client lines with that verb
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldNotHaveSentCommand(SessionRecord session, String verb, List<String> lines) {
        return new ShouldHaveCommands(
                "%nExpecting actual:%n  %s%nnot to have sent the command:%n  %s%nbut sent:%n  %s",
                session, unquotedString(verb), lines);
    }
}
