package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.count;
import static dev.twofifty.assertj.error.Describe.messages;

import dev.twofifty.journal.ReceivedMessage;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when {@code message(index)} asks for a message that is not there. */
public final class ShouldHaveMessageAt extends BasicErrorMessageFactory {

    private ShouldHaveMessageAt(Object actual, int index, List<ReceivedMessage> messages) {
        super(
                "%nExpecting actual:%n  %s%nto have a message at index %s but %s",
                unquotedString(Describe.actual(actual)),
                index,
                unquotedString(
                        messages.isEmpty()
                                ? "it held no messages"
                                : "it held " + count(messages.size(), "message") + ":" + NL + messages(messages)));
    }

    /**
     * Creates the message.
     *
     * @param actual the server or journal
     * @param index the 0-based index asked for
     * @param messages the messages held
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveMessageAt(Object actual, int index, List<ReceivedMessage> messages) {
        return new ShouldHaveMessageAt(actual, index, messages);
    }
}
