package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.count;
import static dev.twofifty.assertj.error.Describe.messages;

import dev.twofifty.journal.ReceivedMessage;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a server or journal has not received the expected number of messages. */
public final class ShouldHaveReceived extends BasicErrorMessageFactory {

    private static final String FORMAT = "%nExpecting actual:%n  %s%nto have received %s but had received %s%s";

    private ShouldHaveReceived(Object actual, String expected, long received, List<ReceivedMessage> held) {
        super(
                FORMAT,
                unquotedString(Describe.actual(actual)),
                unquotedString(expected),
                unquotedString(received == 0 ? "none" : count(received, "message")),
                unquotedString(held.isEmpty() ? "" : ":" + Describe.NL + messages(held)));
    }

    /**
     * Creates the message for {@code hasReceived(count)}.
     *
     * @param actual the server or journal
     * @param expected the expected number of messages
     * @param received the number received since the journal was cleared
     * @param held the messages the journal still holds
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceived(
            Object actual, int expected, long received, List<ReceivedMessage> held) {
        return new ShouldHaveReceived(actual, count(expected, "message"), received, held);
    }

    /**
     * Creates the message for {@code hasReceivedAtLeast(count)}.
     *
     * @param actual the server or journal
     * @param expected the minimum number of messages
     * @param received the number received since the journal was cleared
     * @param held the messages the journal still holds
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceivedAtLeast(
            Object actual, int expected, long received, List<ReceivedMessage> held) {
        return new ShouldHaveReceived(actual, "at least " + count(expected, "message"), received, held);
    }

    /**
     * Creates the message for {@code hasReceivedNothing()}.
     *
     * @param actual the server or journal
     * @param received the number received since the journal was cleared
     * @param held the messages the journal still holds
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveReceivedNothing(
            Object actual, long received, List<ReceivedMessage> held) {
        return new ShouldHaveReceived(actual, "no messages", received, held);
    }
}
