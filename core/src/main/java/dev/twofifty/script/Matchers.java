package dev.twofifty.script;

import dev.twofifty.script.Matcher.AddressRole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Static factories for {@link Matcher}s, meant to be imported statically.
 *
 * <pre>{@code
 * onRcptTo(domain("blocked.example"))
 * onMail(sender("bounces@example.com").and(parameter("SIZE")))
 * onMessage().matching(header("Subject", "(?i).*invoice.*"))
 * onRcpt().matching(recipientNumber(3))
 * }</pre>
 *
 * <p>Regular expressions are Java patterns. {@link #argument}, {@link #header} and {@link #parameter}
 * match the whole value; {@link #body} finds the pattern anywhere in the body.
 */
public final class Matchers {

    private Matchers() {}

    /** Matches every step. */
    public static Matcher any() {
        return new Matcher.Always();
    }

    /** The argument as sent matches the regex in full, for example {@code "TO:<.*@example\\.com>.*"}. */
    public static Matcher argument(String regex) {
        return new Matcher.Argument(Pattern.compile(regex));
    }

    /**
     * The command's own address is this mailbox: the sender at MAIL, the recipient at RCPT, any accepted
     * recipient at DATA and at the end of data. The local part is compared exactly, the domain ignoring case.
     */
    public static Matcher address(String address) {
        return new Matcher.AddressIs(AddressRole.COMMAND, address);
    }

    /** The sender is this mailbox; {@code ""} means the null reverse-path {@code <>}. */
    public static Matcher sender(String address) {
        return new Matcher.AddressIs(AddressRole.SENDER, address);
    }

    /** The recipient (at RCPT) or any accepted recipient (later) is this mailbox. */
    public static Matcher recipient(String address) {
        return new Matcher.AddressIs(AddressRole.RECIPIENT, address);
    }

    /** The command's own address (see {@link #address}) is in this domain, ignoring case. */
    public static Matcher domain(String domain) {
        return new Matcher.DomainIs(AddressRole.COMMAND, domain);
    }

    /** The sender is in this domain, ignoring case. */
    public static Matcher senderDomain(String domain) {
        return new Matcher.DomainIs(AddressRole.SENDER, domain);
    }

    /** The recipient (at RCPT) or any accepted recipient (later) is in this domain, ignoring case. */
    public static Matcher recipientDomain(String domain) {
        return new Matcher.DomainIs(AddressRole.RECIPIENT, domain);
    }

    /** The command's own address (see {@link #address}) has exactly this local part. */
    public static Matcher localPart(String localPart) {
        return new Matcher.LocalPartIs(AddressRole.COMMAND, localPart);
    }

    /** The ESMTP parameter was sent, for example {@code parameter("SMTPUTF8")}. */
    public static Matcher parameter(String name) {
        return new Matcher.Parameter(name, null);
    }

    /** The ESMTP parameter was sent with a value matching the regex in full, ignoring case. */
    public static Matcher parameter(String name, String valueRegex) {
        return new Matcher.Parameter(name, Pattern.compile(valueRegex, Pattern.CASE_INSENSITIVE));
    }

    /** At the end of data, a header field with this name has a value matching the regex in full. */
    public static Matcher header(String name, String valueRegex) {
        return new Matcher.Header(name, Pattern.compile(valueRegex));
    }

    /** At the end of data, the regex is found somewhere in the body (the text after the header). */
    public static Matcher body(String regex) {
        return new Matcher.Body(Pattern.compile(regex));
    }

    /** The step belongs to the n-th session (1-based) of the server. */
    public static Matcher sessionNumber(long ordinal) {
        return new Matcher.SessionOrdinal(ordinal);
    }

    /** The step belongs to the n-th mail transaction (1-based) of its session. */
    public static Matcher transactionNumber(int ordinal) {
        return new Matcher.TransactionOrdinal(ordinal);
    }

    /** The step is the n-th RCPT (1-based) of its transaction. */
    public static Matcher recipientNumber(int ordinal) {
        return new Matcher.RecipientOrdinal(ordinal);
    }

    /** TLS is in effect. */
    public static Matcher tlsActive() {
        return new Matcher.TlsActive(true);
    }

    /** TLS is not in effect. */
    public static Matcher tlsInactive() {
        return new Matcher.TlsActive(false);
    }

    /** The session has authenticated as any user. */
    public static Matcher authenticated() {
        return new Matcher.AuthenticatedUser(null);
    }

    /** The session has authenticated as this user. */
    public static Matcher authenticatedAs(String user) {
        return new Matcher.AuthenticatedUser(user);
    }

    /** All of the matchers match; nested {@code allOf}s are flattened. */
    public static Matcher allOf(Matcher... matchers) {
        List<Matcher> flat = new ArrayList<>();
        for (Matcher matcher : matchers) {
            if (matcher instanceof Matcher.AllOf all) {
                flat.addAll(all.matchers());
            } else if (!(matcher instanceof Matcher.Always)) {
                flat.add(matcher);
            }
        }
        if (flat.isEmpty()) {
            return any();
        }
        return flat.size() == 1 ? flat.get(0) : new Matcher.AllOf(flat);
    }

    /** At least one of the matchers matches. */
    public static Matcher anyOf(Matcher... matchers) {
        List<Matcher> flat = new ArrayList<>();
        for (Matcher matcher : matchers) {
            if (matcher instanceof Matcher.AnyOf any) {
                flat.addAll(any.matchers());
            } else {
                flat.add(matcher);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Matcher.AnyOf(flat);
    }

    /** The matcher does not match. */
    public static Matcher not(Matcher matcher) {
        return matcher instanceof Matcher.Not not ? not.matcher() : new Matcher.Not(matcher);
    }
}
