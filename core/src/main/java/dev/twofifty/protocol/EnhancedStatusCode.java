package dev.twofifty.protocol;

import java.util.Objects;

/**
 * An RFC 3463 enhanced mail system status code such as {@code 5.1.1}, carried in front of the text
 * of a reply when the ENHANCEDSTATUSCODES extension (RFC 2034) is in effect.
 *
 * @param codeClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject the subject sub-code, 0 to 999
 * @param detail the detail sub-code, 0 to 999
 */
public record EnhancedStatusCode(int codeClass, int subject, int detail) {

    public EnhancedStatusCode {
        if (codeClass != 2 && codeClass != 4 && codeClass != 5) {
            throw new IllegalArgumentException(
                    "Enhanced status code class must be 2, 4 or 5 (RFC 3463 §2) but was " + codeClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException(
                    "Enhanced status sub-codes must be 0 to 999 (RFC 3463 §2) but were " + subject + "." + detail);
        }
    }

    /**
     * Parses the dotted form, for example {@code "4.7.0"}.
     *
     * @throws IllegalArgumentException when the text is not {@code class.subject.detail}
     */
    public static EnhancedStatusCode parse(String text) {
        Objects.requireNonNull(text, "text");
        // Hand-written: replies are built with enhanced codes on every step, so this is on the hot path.
        int[] parts = new int[3];
        int part = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                parts[part] = parts[part] * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part < 2) {
                part++;
                digits = 0;
            } else {
                throw invalid(text);
            }
        }
        if (part != 2 || digits == 0) {
            throw invalid(text);
        }
        return new EnhancedStatusCode(parts[0], parts[1], parts[2]);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "Enhanced status code must look like 5.1.1 (class.subject.detail) but was '" + text + "'");
    }

    @Override
    public String toString() {
        return codeClass + "." + subject + "." + detail;
    }
}
