package dev.twofifty.journal;

import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/**
 * A MIME part of a received message that is not its text or HTML body: an attachment or an inline
 * resource.
 *
 * @param fileName the decoded file name, if the part has one
 * @param contentType the content type, for example {@code application/pdf} (lower case, without parameters)
 * @param disposition {@code attachment}, {@code inline}, or empty when the part has no Content-Disposition
 * @param contentId the Content-ID without angle brackets, if any
 * @param content the decoded content (transfer encoding removed); the accessor returns a copy
 */
public record Attachment(
        Optional<String> fileName, String contentType, String disposition, Optional<String> contentId, byte[] content) {

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(contentId, "contentId");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content decoded as text in the given charset. */
    public String contentAsString(Charset charset) {
        return new String(content, charset);
    }

    /** The size of the decoded content in octets. */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that
                && fileName.equals(that.fileName)
                && contentType.equals(that.contentType)
                && disposition.equals(that.disposition)
                && contentId.equals(that.contentId)
                && java.util.Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, disposition, contentId, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName.orElse("(no name)") + ", " + contentType + ", " + content.length + " octets]";
    }
}
