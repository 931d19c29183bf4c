package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.lines;

import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a client sent a bare CR or LF in a command or in message content. */
public final class ShouldHaveNoBareLineEndings extends BasicErrorMessageFactory {

    private ShouldHaveNoBareLineEndings(SessionRecord session, List<Violation> bare) {
        super(
                "%nExpecting actual:%n  %s%nto have sent only CRLF line endings but had:%n%s",
                unquotedString(Describe.actual(session)),
                unquotedString(lines(bare.stream().map(Violation::toString).toList())));
    }

    /**
     * Creates the message.
     *
     * @param session the session
     * @param bare the bare CR and LF violations
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoBareLineEndings(SessionRecord session, List<Violation> bare) {
        return new ShouldHaveNoBareLineEndings(session, bare);
    }
}
