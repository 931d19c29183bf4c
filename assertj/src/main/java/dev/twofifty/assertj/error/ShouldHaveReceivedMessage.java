package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.messages;
import static dev.twofifty.assertj.error.Describe.recipients;
import static dev.twofifty.assertj.error.Describe.sender;

import dev.twofifty.journal.ReceivedMessage;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when no received message has the expected recipient, sender or
 * subject; it lists what each message did have.
 */
public final class ShouldHaveReceivedMessage extends BasicErrorMessageFactory {

    private static final String FORMAT = "%nExpecting actual:%n  %s%nto have received a message %s:%n  %s%nbut %s";

    private ShouldHaveReceivedMessage(
            Object actual,
            String what,
            String expected,
            String listHeading,
            List<ReceivedMessage> messages,
            Function<ReceivedMessage, String> detail) {
        super(
                FORMAT,
                unquotedString(Describe.actual(actual)),
                unquotedString(what),
                expected,
                unquotedString(
                        messages.isEmpty()
                                ? "it had received no messages"
                                : listHeading + ":" + NL + messages(messages, detail)));
    }

    /**
     * Creates the message for {@code hasReceivedMessageTo(address)}: lists each message's envelope recipients.
     *
     * @param actual the server or journal
     * @param address the expected envelope recipient
     * @param messages the messages held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceivedMessageTo(
            Object actual, String address, List<ReceivedMessage> messages) {
        return new ShouldHaveReceivedMessage(
                actual, "to", address, "the messages went to", messages, message -> recipients(message.envelope()));
    }

    /**
     * Creates the message for {@code hasReceivedMessageFrom(sender)}: lists each message's envelope sender.
     *
     * @param actual the server or journal
     * @param sender the expected envelope sender
     * @param messages the messages held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceivedMessageFrom(
            Object actual, String sender, List<ReceivedMessage> messages) {
        return new ShouldHaveReceivedMessage(
                actual, "from", sender, "the messages came from", messages, message -> sender(message.envelope()));
    }

    /**
     * Creates the message for {@code hasReceivedMessageWithSubject(subject)}: lists each message's subject.
     *
     * @param actual the server or journal
     * @param subject the expected decoded subject
     * @param messages the messages held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceivedMessageWithSubject(
            Object actual, String subject, List<ReceivedMessage> messages) {
        return new ShouldHaveReceivedMessage(
                actual,
                "with subject",
                subject,
                "the messages had the subjects",
                messages,
                message -> message.parsed().subject().map(s -> "\"" + s + "\"").orElse("no subject"));
    }
}
