package dev.twofifty.assertj;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Compares mailbox addresses the way SMTP does: local part exactly, domain ignoring case. */
final class Addresses {

    private Addresses() {}

    /** The address with its domain in lower case; angle brackets and a display name are removed. */
    static String canonical(String address) {
        String bare = bare(address);
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare : bare.substring(0, at) + bare.substring(at).toLowerCase(Locale.ROOT);
    }

    /** The bare address of a header address such as {@code Ann <ann@example.com>}. */
    static String bare(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        return open >= 0 && close > open ? address.substring(open + 1, close) : address.trim();
    }

    /** Whether two addresses name the same mailbox. */
    static boolean same(String one, String other) {
        return canonical(one).equals(canonical(other));
    }

    /** Whether the addresses include this one. */
    static boolean contains(Collection<String> addresses, String address) {
        String wanted = canonical(address);
        return addresses.stream().anyMatch(each -> canonical(each).equals(wanted));
    }

    /** Whether two lists hold the same mailboxes, in any order, counting duplicates. */
    static boolean sameInAnyOrder(List<String> one, List<String> other) {
        return sorted(one).equals(sorted(other));
    }

    /** Whether two lists hold the same mailboxes in the same order. */
    static boolean sameInOrder(List<String> one, List<String> other) {
        return one.stream()
                .map(Addresses::canonical)
                .toList()
                .equals(other.stream().map(Addresses::canonical).toList());
    }

    /** The bare addresses of header addresses. */
    static List<String> bare(List<String> addresses) {
        return addresses.stream().map(Addresses::bare).toList();
    }

    private static List<String> sorted(List<String> addresses) {
        return addresses.stream().map(Addresses::canonical).sorted().toList();
    }
}
