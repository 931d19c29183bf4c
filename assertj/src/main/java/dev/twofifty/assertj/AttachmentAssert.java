package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldHaveProperty.shouldHave;
import static dev.twofifty.assertj.error.ShouldHaveProperty.shouldHaveText;
import static dev.twofifty.assertj.error.ShouldHaveRawContent.shouldHaveContent;

import dev.twofifty.journal.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an attachment of a message: its file name, content type and decoded content.
 *
 * <pre>{@code
 * assertThat(message).attachment("report.csv")
 *         .hasContentType("text/csv")
 *         .hasTextContent("id,total\r\n1,12.00\r\n");
 * }</pre>
 */
public class AttachmentAssert extends AbstractAssert<AttachmentAssert, Attachment> {

    /**
     * Creates an assert on an attachment; {@link SmtpAssertions#assertThat(Attachment)} is the usual way.
     *
     * @param actual the attachment
     */
    public AttachmentAssert(Attachment actual) {
        super(actual, AttachmentAssert.class);
    }

    /**
     * Verifies the decoded file name.
     *
     * @param fileName the file name
     * @return this assert
     */
    public AttachmentAssert hasFileName(String fileName) {
        isNotNull();
        Objects.requireNonNull(fileName, "fileName");
        Optional<String> name = actual.fileName();
        if (name.filter(fileName::equals).isEmpty()) {
            throw assertionError(shouldHave(actual, "file name", fileName, name));
        }
        return myself;
    }

    /**
     * Verifies the content type, ignoring case and any parameters given.
     *
     * @param contentType for example {@code application/pdf}
     * @return this assert
     */
    public AttachmentAssert hasContentType(String contentType) {
        isNotNull();
        String expected = Texts.baseType(contentType);
        if (!actual.contentType().equalsIgnoreCase(expected)) {
            throw assertionError(shouldHave(actual, "content type", expected, actual.contentType()));
        }
        return myself;
    }

    /**
     * Verifies the decoded content (transfer encoding removed) byte for byte.
     *
     * @param content the expected content
     * @return this assert
     */
    public AttachmentAssert hasContent(byte[] content) {
        isNotNull();
        Objects.requireNonNull(content, "content");
        byte[] actualContent = actual.content();
        if (!Arrays.equals(actualContent, content)) {
            throw assertionError(shouldHaveContent(actual, content, actualContent));
        }
        return myself;
    }

    /**
     * Verifies the decoded content as UTF-8 text, exactly. The failure shows CR and LF as {@code \r}
     * and {@code \n}.
     *
     * @param text the expected text
     * @return this assert
     */
    public AttachmentAssert hasTextContent(String text) {
        isNotNull();
        Objects.requireNonNull(text, "text");
        String content = actual.contentAsString(StandardCharsets.UTF_8);
        if (!content.equals(text)) {
            throw assertionError(shouldHaveText(actual, "text content", text, Optional.of(content)));
        }
        return myself;
    }

    /**
     * Verifies the size of the decoded content in octets.
     *
     * @param octets the expected size
     * @return this assert
     */
    public AttachmentAssert hasSize(int octets) {
        isNotNull();
        if (actual.size() != octets) {
            throw assertionError(shouldHave(actual, "size in octets", octets, actual.size()));
        }
        return myself;
    }
}
