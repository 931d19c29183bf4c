package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.lines;

import dev.twofifty.journal.SessionRecord;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when a client pipelined although it should not have, or the other way
 * round; it shows the client lines with the batch (the server's read) each arrived in.
 */
public final class ShouldHavePipelined extends BasicErrorMessageFactory {

    private ShouldHavePipelined(SessionRecord session, String expectation, String heading, List<String> lines) {
        super(
                "%nExpecting actual:%n  %s%n%s but %s:%n%s",
                unquotedString(Describe.actual(session)),
                unquotedString(expectation),
                unquotedString(heading),
                unquotedString(lines(lines)));
    }

    /**
     * Creates the message for {@code pipelined()}.
     *
     * @param session the session
     * @param lines every client line, as {@code [batch 3] MAIL FROM:<a@x>}
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHavePipelined(SessionRecord session, List<String> lines) {
        return new ShouldHavePipelined(
                session,
                "to have pipelined (sent a command before the reply to the one before)",
                "each line arrived in a batch of its own",
                lines);
    }

    /**
     * Creates the message for {@code didNotPipeline()}.
     *
     * @param session the session
     * @param groups the lines that arrived together, one group per line, as {@code [batch 3] MAIL ..., RCPT ...}
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldNotHavePipelined(SessionRecord session, List<String> groups) {
        return new ShouldHavePipelined(
                session,
                "not to have pipelined",
                "it sent these lines together, each before the reply to the one before",
                groups);
    }
}
