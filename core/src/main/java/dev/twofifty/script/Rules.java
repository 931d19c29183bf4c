package dev.twofifty.script;

/**
 * Static factories that start a {@link Rule}, one per {@link Trigger}, meant to be imported
 * statically together with {@link Matchers}.
 *
 * <pre>{@code
 * import static dev.twofifty.script.Matchers.*;
 * import static dev.twofifty.script.Rules.*;
 *
 * smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
 * smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));
 * smtp.stubFor(onConnect().willDelay(Duration.ofSeconds(3)));
 * }</pre>
 */
public final class Rules {

    private Rules() {}

    /** A rule for any trigger. */
    public static Rule on(Trigger trigger) {
        return Rule.on(trigger);
    }

    /** A rule for the greeting. */
    public static Rule onConnect() {
        return Rule.on(Trigger.CONNECT);
    }

    /** A rule for EHLO. */
    public static Rule onEhlo() {
        return Rule.on(Trigger.EHLO);
    }

    /** A rule for HELO. */
    public static Rule onHelo() {
        return Rule.on(Trigger.HELO);
    }

    /** A rule for STARTTLS. */
    public static Rule onStartTls() {
        return Rule.on(Trigger.STARTTLS);
    }

    /** A rule for AUTH and each SASL response. */
    public static Rule onAuth() {
        return Rule.on(Trigger.AUTH);
    }

    /** A rule for MAIL FROM. */
    public static Rule onMail() {
        return Rule.on(Trigger.MAIL);
    }

    /** A rule for MAIL FROM with a condition, for example {@code onMailFrom(sender("a@example.com"))}. */
    public static Rule onMailFrom(Matcher condition) {
        return onMail().matching(condition);
    }

    /** A rule for RCPT TO. */
    public static Rule onRcpt() {
        return Rule.on(Trigger.RCPT);
    }

    /** A rule for RCPT TO with a condition, for example {@code onRcptTo(domain("blocked.example"))}. */
    public static Rule onRcptTo(Matcher condition) {
        return onRcpt().matching(condition);
    }

    /** A rule for the DATA command, before {@code 354}. */
    public static Rule onData() {
        return Rule.on(Trigger.DATA);
    }

    /** A rule for the end of message data (after the final dot, or BDAT LAST). */
    public static Rule onMessage() {
        return Rule.on(Trigger.MESSAGE);
    }

    /** A rule for each BDAT chunk. */
    public static Rule onBdat() {
        return Rule.on(Trigger.BDAT);
    }

    /** A rule for RSET. */
    public static Rule onRset() {
        return Rule.on(Trigger.RSET);
    }

    /** A rule for NOOP. */
    public static Rule onNoop() {
        return Rule.on(Trigger.NOOP);
    }

    /** A rule for VRFY. */
    public static Rule onVrfy() {
        return Rule.on(Trigger.VRFY);
    }

    /** A rule for EXPN. */
    public static Rule onExpn() {
        return Rule.on(Trigger.EXPN);
    }

    /** A rule for HELP. */
    public static Rule onHelp() {
        return Rule.on(Trigger.HELP);
    }

    /** A rule for QUIT. */
    public static Rule onQuit() {
        return Rule.on(Trigger.QUIT);
    }

    /** A rule for commands the server does not know. */
    public static Rule onUnknownCommand() {
        return Rule.on(Trigger.UNKNOWN);
    }

    /** A rule for every step. */
    public static Rule onAnyStep() {
        return Rule.on(Trigger.ANY);
    }
}
