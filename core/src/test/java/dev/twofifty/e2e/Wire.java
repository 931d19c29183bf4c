package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What a client puts on the wire as message content, computed independently of the server: the
 * expected value of {@code ReceivedMessage.raw()} for a message a client sent.
 */
final class Wire {

    /** The headers a Jakarta Mail transport leaves out when it sends a message. */
    private static final String[] NOT_SENT = {"Bcc", "Content-Length"};

    private Wire() {}

    /**
     * The content an Angus Mail transport sends for this message, as the server must record it: the
     * message written without Bcc and Content-Length, in SMTP canonical form.
     */
    static byte[] angusContent(MimeMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out, NOT_SENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return canonical(out.toByteArray());
    }

    /**
     * SMTP canonical form (RFC 5321 §2.3.8, §4.1.1.4): every bare CR or LF becomes CRLF, and the
     * content ends with CRLF, which a client adds before the final dot when it is missing.
     */
    static byte[] canonical(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        byte[] result = out.toByteArray();
        int n = result.length;
        if (n >= 2 && result[n - 2] == '\r' && result[n - 1] == '\n') {
            return result;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * DATA dot-stuffing (RFC 5321 §4.5.2) of canonical content: a dot at the start of a line is
     * doubled.
     */
    static byte[] dotStuffed(byte[] canonical) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length + 16);
        boolean lineStart = true;
        for (byte b : canonical) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /**
     * Asserts that a message's content is exactly the expected bytes; on failure the difference is
     * shown as text (ISO-8859-1 maps every octet to one character, so equal text is equal bytes).
     */
    static void assertRawEquals(ReceivedMessage message, byte[] expected) {
        assertThat(latin1(message.raw()))
                .as("content of %s, octet for octet", message)
                .isEqualTo(latin1(expected));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(utf8(text));
    }

    /**
     * Asserts that no secret, nor its base64 form, appears in the session's transcript text, its
     * client lines or its violations.
     */
    static void assertNoSecrets(SessionRecord session, List<String> secrets) {
        String everything = session.transcriptText() + "\n" + session.clientLines() + "\n" + session.violations();
        for (String secret : secrets) {
            assertThat(everything)
                    .as("the session record must not show the secret '%s' in any form", secret)
                    .doesNotContain(secret)
                    .doesNotContain(base64(secret));
        }
    }
}
