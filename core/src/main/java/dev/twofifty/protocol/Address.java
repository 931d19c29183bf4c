package dev.twofifty.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox address as it appears in an SMTP path: a local part and a domain (RFC 5321 §4.1.2).
 *
 * <p>Two addresses are {@linkplain #sameMailbox(Address) the same mailbox} when their local parts
 * are equal and their domains are equal ignoring case; the local part is case-sensitive as the RFC
 * requires of receivers. The domain is empty only for the special recipient {@code <Postmaster>}.
 *
 * @param localPart the local part as sent (a dot-string, or a quoted string with its quotes)
 * @param domain the domain or address literal as sent, for example {@code example.com} or {@code [192.0.2.1]}
 */
public record Address(String localPart, String domain) {

    public Address {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    /**
     * Parses {@code local@domain}; the last {@code @} outside a quoted local part separates them.
     *
     * @throws IllegalArgumentException when there is no {@code @}, or either side is empty
     */
    public static Address parse(String address) {
        Objects.requireNonNull(address, "address");
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("Not a mailbox address (local@domain): '" + address + "'");
        }
        return new Address(address.substring(0, at), address.substring(at + 1));
    }

    /** Whether this is the same mailbox as another: equal local parts, domains equal ignoring case. */
    public boolean sameMailbox(Address other) {
        return other != null && localPart.equals(other.localPart) && domain.equalsIgnoreCase(other.domain);
    }

    /** Whether the domain equals the given one, ignoring case. */
    public boolean inDomain(String otherDomain) {
        return domain.equalsIgnoreCase(otherDomain);
    }

    /** A key that is equal for addresses of the same mailbox (the domain in lower case). */
    public String canonical() {
        return domain.isEmpty() ? localPart : localPart + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** Whether the local part or the domain contains characters outside US-ASCII (RFC 6531). */
    public boolean isInternationalized() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }
}
