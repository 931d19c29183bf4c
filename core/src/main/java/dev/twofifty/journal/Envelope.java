package dev.twofifty.journal;

import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of a transaction: the reverse-path and MAIL parameters, and the accepted
 * recipients with their RCPT parameters. Recipients that were rejected are not in it. Bcc
 * recipients show up here and not in the message headers.
 *
 * @param reversePath the path from {@code MAIL FROM:<...>}; {@link Path#NULL} for {@code <>}
 * @param mailParameters the MAIL parameters, for example {@code SIZE=1024 BODY=8BITMIME}
 * @param recipients the accepted recipients in the order they were accepted
 */
public record Envelope(Path reversePath, EsmtpParameters mailParameters, List<Recipient> recipients) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(mailParameters, "mailParameters");
        recipients = List.copyOf(recipients);
    }

    /** The sender address as sent, or the empty string for the null reverse-path {@code <>}. */
    public String sender() {
        return reversePath.text();
    }

    /** The recipient addresses as sent, in order. */
    public List<String> recipientAddresses() {
        return recipients.stream().map(Recipient::address).toList();
    }

    /** The {@code BODY} parameter in upper case (RFC 6152), for example {@code 8BITMIME}. */
    public Optional<String> body() {
        return mailParameters.get("BODY").map(String::toUpperCase);
    }

    /** Whether the client used the {@code SMTPUTF8} parameter (RFC 6531). */
    public boolean smtpUtf8() {
        return mailParameters.has("SMTPUTF8");
    }

    /** The declared {@code SIZE} (RFC 1870), if sent. */
    public Optional<Long> declaredSize() {
        return mailParameters.get("SIZE").map(Long::parseLong);
    }

    /** The DSN {@code RET} value in upper case, {@code FULL} or {@code HDRS} (RFC 3461 §4.3). */
    public Optional<String> dsnReturn() {
        return mailParameters.get("RET").map(String::toUpperCase);
    }

    /** The DSN {@code ENVID} with its xtext decoded (RFC 3461 §4.4). */
    public Optional<String> dsnEnvelopeId() {
        return mailParameters.get("ENVID").map(Envelope::decodeXtext);
    }

    /** Decodes RFC 3461 §4 xtext: {@code +XX} is the octet with hex value XX. Invalid escapes stay as they are. */
    static String decodeXtext(String xtext) {
        if (xtext.indexOf('+') < 0) {
            return xtext;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+' && i + 2 < xtext.length() && isHex(xtext.charAt(i + 1)) && isHex(xtext.charAt(i + 2))) {
                out.write(Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    @Override
    public String toString() {
        return "from " + reversePath + (mailParameters.isEmpty() ? "" : " " + mailParameters) + " to " + recipients;
    }
}
