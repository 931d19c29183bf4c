package dev.twofifty.samples.angus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An e-mail as the application sees it: who sends it, to whom, and what it says. The {@code withXxx}
 * methods return copies.
 *
 * <pre>{@code
 * Email email = Email.of("shop@example.com", "ann@example.com", "Your invoice", "Dear Ann, ...")
 *         .withHtml("<p>Dear Ann, ...</p>")
 *         .withAttachment("invoice.pdf", "application/pdf", pdfBytes);
 * }</pre>
 *
 * @param from the sender's address, optionally with a display name ({@code "Shop <shop@example.com>"})
 * @param to the recipients named in the To header
 * @param cc the recipients named in the Cc header
 * @param bcc recipients who get the mail without being named in a header
 * @param subject the subject, any Unicode text
 * @param text the plain-text body
 * @param html the HTML body, or {@code null} for a text-only mail
 * @param attachments files attached to the mail
 */
public record Email(
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String text,
        String html,
        List<Attachment> attachments) {

    public Email {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new IllegalArgumentException("An e-mail needs at least one recipient");
        }
    }

    /**
     * A file attached to an e-mail.
     *
     * @param fileName the name the recipient sees, any Unicode text
     * @param contentType the MIME type, for example {@code application/pdf}
     * @param content the bytes of the file
     */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** A plain-text e-mail to one recipient. */
    public static Email of(String from, String to, String subject, String text) {
        return new Email(from, List.of(to), List.of(), List.of(), subject, text, null, List.of());
    }

    /** A copy with these recipients added to the Cc header. */
    public Email withCc(String... addresses) {
        return new Email(from, to, plus(cc, addresses), bcc, subject, text, html, attachments);
    }

    /** A copy with these recipients added as blind copies (in the envelope only, in no header). */
    public Email withBcc(String... addresses) {
        return new Email(from, to, cc, plus(bcc, addresses), subject, text, html, attachments);
    }

    /** A copy with an HTML body; the text body stays as the alternative for text-only readers. */
    public Email withHtml(String htmlBody) {
        return new Email(from, to, cc, bcc, subject, text, htmlBody, attachments);
    }

    /** A copy with one more attachment. */
    public Email withAttachment(String fileName, String contentType, byte[] content) {
        List<Attachment> more = new ArrayList<>(attachments);
        more.add(new Attachment(fileName, contentType, content));
        return new Email(from, to, cc, bcc, subject, text, html, more);
    }

    /** Every recipient: To, Cc and Bcc. */
    public List<String> allRecipients() {
        List<String> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> copy = new ArrayList<>(list);
        copy.addAll(List.of(more));
        return copy;
    }
}
