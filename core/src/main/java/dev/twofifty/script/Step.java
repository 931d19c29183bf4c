package dev.twofifty.script;

import dev.twofifty.journal.Envelope;
import dev.twofifty.protocol.SmtpCommand;
import dev.twofifty.protocol.SmtpReply;
import java.util.Optional;

/**
 * A read-only view of one step of a session, given to {@link Matcher}s and {@link SmtpDispatcher}s:
 * the trigger, the command, the session, the envelope so far, the message at the end of data, and
 * the reply the conformant server would give.
 */
public interface Step {

    /** The trigger of this step. {@code BDAT ... LAST} is both {@link Trigger#BDAT} and {@link Trigger#MESSAGE}. */
    Trigger trigger();

    /** Whether a rule with this trigger applies to this step; {@link Trigger#ANY} always does. */
    boolean is(Trigger trigger);

    /** The parsed command; empty at {@link Trigger#CONNECT}, at the end of DATA and for SASL responses. */
    Optional<SmtpCommand> command();

    /** The line the client sent for this step (SASL data masked); empty at CONNECT and at the end of DATA. */
    String line();

    /** The argument as sent: the text after the verb, or the SASL response (masked) at an AUTH step. */
    String argument();

    /** The session. */
    SessionView session();

    /** Whether a mail transaction is open (MAIL was accepted and the transaction has not ended). */
    boolean inTransaction();

    /**
     * The envelope of the current transaction so far; at RCPT it does not yet include this recipient.
     * Outside a transaction it is empty: the null reverse-path, no parameters, no recipients.
     */
    Envelope envelope();

    /** The 1-based number of this RCPT command in its transaction at {@link Trigger#RCPT}, otherwise 0. */
    int recipientOrdinal();

    /** The 0-based step of an AUTH exchange: 0 for the AUTH command, 1 for the first SASL response, and so on. */
    int authStep();

    /** The message content at {@link Trigger#MESSAGE}; empty at other steps. */
    Optional<MessageContent> message();

    /** The reply the conformant server gives at this step when no rule decides otherwise. */
    SmtpReply defaultReply();

    /** A short description for reports, for example {@code RCPT TO:<bob@example.org> (session 3)}. */
    default String describe() {
        String what = line().isEmpty() ? trigger().name() : line();
        return what + " (session " + session().id() + ")";
    }
}
