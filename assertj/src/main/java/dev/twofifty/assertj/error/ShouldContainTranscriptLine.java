package dev.twofifty.assertj.error;

import dev.twofifty.journal.TranscriptEntry;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a transcript lacks (or has) a line; it prints the whole transcript. */
public final class ShouldContainTranscriptLine extends BasicErrorMessageFactory {

    private ShouldContainTranscriptLine(String format, List<TranscriptEntry> transcript, Object... more) {
        super(format, arguments(transcript, more));
    }

    private static Object[] arguments(List<TranscriptEntry> transcript, Object... more) {
        Object[] all = new Object[more.length + 1];
        all[0] = unquotedString(Describe.actual(transcript));
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /**
     * Creates the message for {@code containsClientLine(line)}.
     *
     * @param transcript the transcript
     * @param line the client line looked for
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainClientLine(List<TranscriptEntry> transcript, String line) {
        return new ShouldContainTranscriptLine(
                "%nExpecting actual:%n  %s%nto contain the client line:%n  %s", transcript, line);
    }

    /**
     * Creates the message for {@code containsServerLine(line)}.
     *
     * @param transcript the transcript
     * @param line the server line looked for
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainServerLine(List<TranscriptEntry> transcript, String line) {
        return new ShouldContainTranscriptLine(
                "%nExpecting actual:%n  %s%nto contain the server line:%n  %s", transcript, line);
    }

    /**
     * Creates the message for {@code containsServerLineMatching(regex)}.
     *
     * @param transcript the transcript
     * @param regex the regular expression a server line should match in full
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainServerLineMatching(List<TranscriptEntry> transcript, String regex) {
        return new ShouldContainTranscriptLine(
                "%nExpecting actual:%n  %s%nto contain a server line matching:%n  %s", transcript, regex);
    }

    /**
     * Creates the message for {@code containsClientLinesInOrder(lines...)}.
     *
     * @param transcript the transcript
     * @param lines the client lines expected in this order
     * @param missing the first line not found after the ones before it
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldContainClientLinesInOrder(
            List<TranscriptEntry> transcript, List<String> lines, String missing) {
        return new ShouldContainTranscriptLine(
                "%nExpecting actual:%n  %s%nto contain the client lines in this order:%n  %s%nbut could not find:%n  %s%n"
                        + "after the ones before it",
                transcript, lines, missing);
    }

    /**
     * Creates the message for {@code doesNotContainClientLine(line)}.
     *
     * @param transcript the transcript
     * @param line the client line that should be absent
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldNotContainClientLine(List<TranscriptEntry> transcript, String line) {
        return new ShouldContainTranscriptLine(
                "%nExpecting actual:%n  %s%nnot to contain the client line:%n  %s", transcript, line);
    }
}
