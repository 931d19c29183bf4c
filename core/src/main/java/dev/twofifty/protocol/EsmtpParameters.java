package dev.twofifty.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ESMTP parameters of a MAIL or RCPT command, such as {@code SIZE=1024} or {@code SMTPUTF8}, in
 * the order sent. Keywords are case-insensitive (RFC 5321 §4.1.2) and are stored in upper case; a
 * parameter without a value maps to the empty string.
 *
 * @param values the parameters by upper-case keyword, in the order sent
 */
public record EsmtpParameters(Map<String, String> values) {

    /** No parameters. */
    public static final EsmtpParameters NONE = new EsmtpParameters(Map.of());

    public EsmtpParameters {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key.toUpperCase(Locale.ROOT), value == null ? "" : value));
        values = Collections.unmodifiableMap(copy);
    }

    /** The value of a parameter; empty when the parameter was not sent. */
    public Optional<String> get(String keyword) {
        return Optional.ofNullable(values.get(keyword.toUpperCase(Locale.ROOT)));
    }

    /** Whether the parameter was sent (with or without a value). */
    public boolean has(String keyword) {
        return values.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** Whether no parameters were sent. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(key);
            if (!value.isEmpty()) {
                out.append('=').append(value);
            }
        });
        return out.toString();
    }
}
