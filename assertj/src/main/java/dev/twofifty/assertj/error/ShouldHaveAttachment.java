package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;
import static dev.twofifty.assertj.error.Describe.count;

import dev.twofifty.journal.Attachment;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the failure message when a message lacks the expected attachments; it lists those it has. */
public final class ShouldHaveAttachment extends BasicErrorMessageFactory {

    private ShouldHaveAttachment(Object actual, String expected, Object detail, List<Attachment> attachments) {
        super(
                "%nExpecting actual:%n  %s%nto have %s%s%nbut %s",
                unquotedString(Describe.actual(actual)),
                unquotedString(expected),
                detail,
                unquotedString(
                        attachments.isEmpty()
                                ? "it had no attachments"
                                : "it had " + count(attachments.size(), "attachment") + ":" + NL + list(attachments)));
    }

    /**
     * Creates the message for {@code hasAttachments(count)}.
     *
     * @param actual the message
     * @param expected the expected number of attachments
     * @param attachments the attachments there are
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAttachments(Object actual, int expected, List<Attachment> attachments) {
        return new ShouldHaveAttachment(actual, count(expected, "attachment"), unquotedString(""), attachments);
    }

    /**
     * Creates the message for {@code hasAttachmentNamed(name)} and {@code attachment(name)}.
     *
     * @param actual the message
     * @param fileName the file name looked for
     * @param attachments the attachments there are
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAttachmentNamed(
            Object actual, String fileName, List<Attachment> attachments) {
        return new ShouldHaveAttachment(actual, "an attachment named:" + NL + "  ", fileName, attachments);
    }

    /**
     * Creates the message for {@code attachment(index)} out of range.
     *
     * @param actual the message
     * @param index the 0-based index asked for
     * @param attachments the attachments there are
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAttachmentAt(Object actual, int index, List<Attachment> attachments) {
        return new ShouldHaveAttachment(actual, "an attachment at index ", index, attachments);
    }

    private static String list(List<Attachment> attachments) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            lines.add("[" + i + "] " + attachments.get(i));
        }
        return Describe.lines(lines);
    }
}
