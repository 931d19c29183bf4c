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
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "Enhanced status code must look like 5.1.1 (class.subject.detail) but was '" + text + "'");
        }
        try {
            return new EnhancedStatusCode(
                    parseComponent(parts[0], text), parseComponent(parts[1], text), parseComponent(parts[2], text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Enhanced status code must look like 5.1.1 (class.subject.detail) but was '" + text + "'", e);
        }
    }

    private static int parseComponent(String part, String whole) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("'" + part + "' in '" + whole + "'");
        }
        return Integer.parseInt(part);
    }

    @Override
    public String toString() {
        return codeClass + "." + subject + "." + detail;
    }
}
