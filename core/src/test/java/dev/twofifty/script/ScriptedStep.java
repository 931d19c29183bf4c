package dev.twofifty.script;

import static dev.twofifty.script.Matchers.argument;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The steps of a session a rule can be scripted at, each with the commands that lead to it, the bytes
 * that trigger it and the exact default reply of {@link #CONFIG}. Used by the trigger × action
 * matrices.
 */
enum ScriptedStep {
    CONNECT(Rules.onConnect(), List.of(), null, "220 localhost ESMTP TwoFifty ready\r\n"),
    EHLO(Rules.onEhlo(), List.of(), "EHLO client.example\r\n", Wire.EHLO_REPLY),
    HELO(Rules.onHelo(), List.of(), "HELO client.example\r\n", "250 localhost Hello client.example\r\n"),
    STARTTLS(Rules.onStartTls(), List.of(Wire.EHLO), "STARTTLS\r\n", "220 2.0.0 Ready to start TLS\r\n"),
    AUTH_COMMAND(
            Rules.onAuth(),
            List.of(Wire.EHLO),
            "AUTH PLAIN " + Wire.base64("\u0000ann\u0000secret") + "\r\n",
            "235 2.7.0 Authentication successful\r\n"),
    /** The first SASL response of AUTH LOGIN (the user name); SASL responses show as {@code ****}. */
    AUTH_SASL_RESPONSE(
            Rules.onAuth().matching(argument("\\*{4}")),
            List.of(Wire.EHLO, "AUTH LOGIN"),
            Wire.base64("ann") + "\r\n",
            "334 UGFzc3dvcmQ6\r\n"),
    MAIL(
            Rules.onMail(),
            List.of(Wire.EHLO),
            "MAIL FROM:<ann@example.com>\r\n",
            "250 2.1.0 Sender <ann@example.com> OK\r\n"),
    RCPT(
            Rules.onRcpt(),
            List.of(Wire.EHLO, Wire.MAIL),
            "RCPT TO:<bob@example.org>\r\n",
            "250 2.1.5 Recipient <bob@example.org> OK\r\n"),
    DATA(
            Rules.onData(),
            List.of(Wire.EHLO, Wire.MAIL, Wire.RCPT),
            "DATA\r\n",
            "354 End data with <CR><LF>.<CR><LF>\r\n"),
    MESSAGE_AFTER_DOT(
            Rules.onMessage(),
            List.of(Wire.EHLO, Wire.MAIL, Wire.RCPT, "DATA"),
            "Subject: hi\r\n\r\nHello\r\n.\r\n",
            "250 2.0.0 OK: queued as 1\r\n"),
    MESSAGE_AFTER_BDAT_LAST(
            Rules.onMessage(),
            List.of(Wire.EHLO, Wire.MAIL, Wire.RCPT),
            "BDAT 5 LAST\r\nHello",
            "250 2.0.0 OK: queued as 1\r\n"),
    BDAT_CHUNK(
            Rules.onBdat(),
            List.of(Wire.EHLO, Wire.MAIL, Wire.RCPT),
            "BDAT 5\r\nHello",
            "250 2.0.0 5 octets received\r\n"),
    RSET(Rules.onRset(), List.of(Wire.EHLO), "RSET\r\n", "250 2.0.0 OK\r\n"),
    NOOP(Rules.onNoop(), List.of(Wire.EHLO), "NOOP\r\n", "250 2.0.0 OK\r\n"),
    VRFY(
            Rules.onVrfy(),
            List.of(Wire.EHLO),
            "VRFY bob\r\n",
            "252 2.5.0 Cannot verify the user, but will accept a message and attempt delivery\r\n"),
    EXPN(Rules.onExpn(), List.of(Wire.EHLO), "EXPN staff\r\n", "502 5.5.1 EXPN is not available\r\n"),
    HELP(
            Rules.onHelp(),
            List.of(Wire.EHLO),
            "HELP\r\n",
            "214-2.0.0 TwoFifty fake SMTP server, see RFC 5321\r\n"
                    + "214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH\r\n"),
    QUIT(Rules.onQuit(), List.of(Wire.EHLO), "QUIT\r\n", "221 2.0.0 localhost Bye\r\n"),
    UNKNOWN(Rules.onUnknownCommand(), List.of(Wire.EHLO), "XYZZY\r\n", "500 5.5.1 Command unrecognized\r\n"),
    /** A rule on any step, narrowed by its matcher to the MAIL command. */
    ANY(
            Rules.onAnyStep().matching(argument("FROM:<ann@example\\.com>")),
            List.of(Wire.EHLO),
            "MAIL FROM:<ann@example.com>\r\n",
            "250 2.1.0 Sender <ann@example.com> OK\r\n");

    /** The server every step is reached on: the defaults plus STARTTLS and AUTH. */
    static final ServerConfig CONFIG = ServerConfig.builder()
            .enable(SmtpExtension.STARTTLS)
            .credentials("ann", "secret")
            .build();

    private final Rule rule;
    private final List<String> prelude;
    private final String trigger;
    private final String defaultReply;

    ScriptedStep(Rule rule, List<String> prelude, String trigger, String defaultReply) {
        this.rule = rule;
        this.prelude = prelude;
        this.trigger = trigger;
        this.defaultReply = defaultReply;
    }

    /** A rule that applies at this step and nowhere before it, giving the default reply until refined. */
    Rule rule() {
        return rule;
    }

    /** The exact bytes of the default reply at this step. */
    String defaultReply() {
        return defaultReply;
    }

    /**
     * Connects, goes through the prelude (one command at a time, each reply read) and triggers the step.
     * The returned start time is taken just before the bytes that trigger the step were sent (before
     * connecting for {@link #CONNECT}).
     */
    Reached reach(FakeSmtpServer smtp) {
        long start = System.nanoTime();
        RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port());
        if (trigger == null) {
            return new Reached(client, start);
        }
        client.readRawReply();
        for (String command : prelude) {
            client.send(command);
            client.readRawReply();
        }
        start = System.nanoTime();
        client.sendRaw(trigger.getBytes(StandardCharsets.US_ASCII));
        return new Reached(client, start);
    }

    /** A client that has just triggered the step, and when it did. */
    record Reached(RawSmtpClient client, long startNanos) {}

    /** Command lines and replies shared by the steps. */
    static final class Wire {
        static final String EHLO = "EHLO client.example";
        static final String MAIL = "MAIL FROM:<ann@example.com>";
        static final String RCPT = "RCPT TO:<bob@example.org>";
        static final String EHLO_REPLY = "250-localhost Hello client.example\r\n"
                + "250-PIPELINING\r\n"
                + "250-SIZE 10240000\r\n"
                + "250-8BITMIME\r\n"
                + "250-SMTPUTF8\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n"
                + "250-CHUNKING\r\n"
                + "250-DSN\r\n"
                + "250-STARTTLS\r\n"
                + "250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2\r\n";

        private Wire() {}

        static String base64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
