package dev.twofifty.assertj.error;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when content is not byte for byte the expected one: the sizes, and the
 * first line that differs on both sides with CR, LF and TAB made visible.
 */
public final class ShouldHaveRawContent extends BasicErrorMessageFactory {

    private ShouldHaveRawContent(Object actual, String what, byte[] expected, byte[] content) {
        this(actual, what, expected, content, firstDifferentLine(expected, content));
    }

    private ShouldHaveRawContent(Object actual, String what, byte[] expected, byte[] content, int line) {
        super(
                "%nExpecting actual:%n  %s%nto have %s of %s but had %s, differing from line %s on:%n"
                        + "  expected: %s%n  actual  : %s",
                unquotedString(Describe.actual(actual)),
                unquotedString(what),
                unquotedString(octets(expected.length)),
                unquotedString(octets(content.length)),
                line + 1,
                unquotedString(lineAt(expected, line)),
                unquotedString(lineAt(content, line)));
    }

    /**
     * Creates the message for a message's raw content.
     *
     * @param actual the message
     * @param expected the expected content
     * @param content the actual content
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveRawContent(Object actual, byte[] expected, byte[] content) {
        return new ShouldHaveRawContent(actual, "raw content", expected, content);
    }

    /**
     * Creates the message for an attachment's decoded content.
     *
     * @param actual the attachment
     * @param expected the expected content
     * @param content the actual content
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveContent(Object actual, byte[] expected, byte[] content) {
        return new ShouldHaveRawContent(actual, "content", expected, content);
    }

    private static String octets(int count) {
        return count == 1 ? "1 octet" : count + " octets";
    }

    /** Splits after each LF, keeping the line ends; the last line may have none. */
    static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(Arrays.copyOfRange(content, start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length) {
            lines.add(Arrays.copyOfRange(content, start, content.length));
        }
        return lines;
    }

    private static int firstDifferentLine(byte[] expected, byte[] content) {
        List<byte[]> expectedLines = lines(expected);
        List<byte[]> actualLines = lines(content);
        int index = 0;
        while (index < expectedLines.size()
                && index < actualLines.size()
                && Arrays.equals(expectedLines.get(index), actualLines.get(index))) {
            index++;
        }
        return index;
    }

    private static String lineAt(byte[] content, int index) {
        List<byte[]> lines = lines(content);
        return index < lines.size()
                ? Describe.visible(new String(lines.get(index), StandardCharsets.UTF_8))
                : "(end of content)";
    }
}
