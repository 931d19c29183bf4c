package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when raw content lacks complete lines; it shows the content line by line. */
public final class ShouldHaveLines extends BasicErrorMessageFactory {

    /** At most this many lines of content are shown. */
    static final int MAX_SHOWN = 40;

    private ShouldHaveLines(Object actual, List<String> expected, List<String> missing, List<String> lines) {
        super(
                "%nExpecting actual:%n  %s%nto have the complete lines:%n  %s%nbut could not find:%n  %s%namong its"
                        + " lines:%n%s",
                unquotedString(Describe.actual(actual)), expected, missing, unquotedString(numbered(lines)));
    }

    /**
     * Creates the message.
     *
     * @param actual the message
     * @param expected the lines looked for
     * @param missing the lines not found
     * @param lines the content's lines, without their CRLF
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveLines(
            Object actual, List<String> expected, List<String> missing, List<String> lines) {
        return new ShouldHaveLines(actual, expected, missing, lines);
    }

    private static String numbered(List<String> lines) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(lines.size(), MAX_SHOWN); i++) {
            shown.add((i + 1) + ": " + Describe.visible(lines.get(i)));
        }
        String text = Describe.lines(shown);
        if (lines.size() > MAX_SHOWN) {
            text += NL + Describe.INDENT + "... " + (lines.size() - MAX_SHOWN) + " more lines";
        }
        return text;
    }
}
