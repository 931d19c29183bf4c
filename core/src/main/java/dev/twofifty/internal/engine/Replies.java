package dev.twofifty.internal.engine;

import dev.twofifty.protocol.EnhancedStatusCode;
import dev.twofifty.protocol.SmtpReply;
import java.util.List;

/**
 * The conformant server's reply catalogue: every default reply in one place, named. Its consistency
 * (enhanced code class matches reply class) is checked by {@link SmtpReply} itself and by a test.
 */
final class Replies {

    private Replies() {}

    // Parsed once: these go out with every transaction.
    private static final EnhancedStatusCode SUCCESS = new EnhancedStatusCode(2, 0, 0);
    private static final EnhancedStatusCode SENDER_OK = new EnhancedStatusCode(2, 1, 0);
    private static final EnhancedStatusCode RECIPIENT_OK = new EnhancedStatusCode(2, 1, 5);

    // ---- connection
    static SmtpReply greeting(String host) {
        return SmtpReply.of(220, host + " ESMTP TwoFifty ready");
    }

    static final SmtpReply TOO_MANY_CONNECTIONS = SmtpReply.of(421, "4.3.2", "Too many connections, try again later");

    static SmtpReply idleTimeout(String host) {
        return SmtpReply.of(421, "4.4.2", host + " Idle timeout, closing connection");
    }

    static SmtpReply shuttingDown(String host) {
        return SmtpReply.of(421, "4.3.2", host + " Service shutting down, closing connection");
    }

    static final SmtpReply INTERNAL_ERROR =
            SmtpReply.of(421, "4.3.0", "Internal error in the fake server, closing connection; see its journal");

    static final SmtpReply TOO_MANY_ERRORS = SmtpReply.of(421, "4.7.0", "Too many errors, closing connection");

    static SmtpReply closing(String host) {
        return SmtpReply.of(221, "2.0.0", host + " Bye");
    }

    static final SmtpReply NO_SERVICE = SmtpReply.of(503, "5.5.1", "No SMTP service here; only QUIT is accepted");

    // ---- hello
    static SmtpReply ehlo(String host, String clientName, List<String> capabilities) {
        List<String> lines = new java.util.ArrayList<>(capabilities.size() + 1);
        lines.add(host + " Hello " + clientName);
        lines.addAll(capabilities);
        return SmtpReply.multiline(250, lines);
    }

    static SmtpReply helo(String host, String clientName) {
        return SmtpReply.of(250, host + " Hello " + clientName);
    }

    static final SmtpReply HELLO_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: EHLO hostname");

    // ---- simple commands
    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");
    static final SmtpReply VRFY =
            SmtpReply.of(252, "2.5.0", "Cannot verify the user, but will accept a message and attempt delivery");
    static final SmtpReply EXPN = SmtpReply.of(502, "5.5.1", "EXPN is not available");
    static final SmtpReply HELP = SmtpReply.of(
            214,
            "2.0.0",
            "TwoFifty fake SMTP server, see RFC 5321",
            "Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH");

    // ---- transaction
    static SmtpReply senderOk(String path) {
        return new SmtpReply(250, SENDER_OK, List.of("Sender <" + path + "> OK"));
    }

    static SmtpReply recipientOk(String path) {
        return new SmtpReply(250, RECIPIENT_OK, List.of("Recipient <" + path + "> OK"));
    }

    static final SmtpReply START_MAIL_INPUT = SmtpReply.of(354, "End data with <CR><LF>.<CR><LF>");

    static SmtpReply queued(long messageId) {
        return new SmtpReply(250, SUCCESS, List.of("OK: queued as " + messageId));
    }

    static SmtpReply chunkReceived(long octets) {
        return SmtpReply.of(250, "2.0.0", octets + " octets received");
    }

    static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");

    static SmtpReply messageTooBig(long limit) {
        return SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size of " + limit + " octets");
    }

    static final SmtpReply CONTENT_BARE_CR_OR_LF = SmtpReply.of(
            554,
            "5.6.0",
            "Message rejected: bare CR or LF in content; lines must end with CRLF (RFC 5321 section 2.3.8)");

    static SmtpReply contentLineTooLong(int limit) {
        return SmtpReply.of(
                500,
                "5.5.2",
                "Message rejected: line too long, at most " + limit + " octets (RFC 5321 section 4.5.3.1.6)");
    }

    // ---- sequence errors
    static final SmtpReply NEED_HELLO = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: send EHLO or HELO first");
    static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: send MAIL first");
    static final SmtpReply NEED_RCPT = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: no valid recipients");
    static final SmtpReply NESTED_MAIL =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: a mail transaction is already open");
    static final SmtpReply DATA_IN_BDAT_TRANSACTION =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: DATA cannot follow BDAT in a transaction");
    static final SmtpReply BDAT_AFTER_FAILURE =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: an earlier BDAT of this transaction failed");

    // ---- syntax errors
    static final SmtpReply UNRECOGNIZED = SmtpReply.of(500, "5.5.1", "Command unrecognized");
    static final SmtpReply EMPTY_LINE = SmtpReply.of(500, "5.5.2", "Empty command line");

    static SmtpReply notImplemented(String verb) {
        return SmtpReply.of(502, "5.5.1", "Command not implemented: " + verb);
    }

    static SmtpReply lineTooLong(int limit) {
        return SmtpReply.of(500, "5.5.2", "Line too long, at most " + limit + " octets (RFC 5321 section 4.5.3.1.4)");
    }

    static final SmtpReply BARE_CR_OR_LF = SmtpReply.of(
            500, "5.5.2", "Bare CR or LF in command line; lines must end with CRLF (RFC 5321 section 2.3.8)");
    static final SmtpReply NUL_OCTET = SmtpReply.of(500, "5.5.2", "NUL octet in command line");
    static final SmtpReply EIGHT_BIT_COMMAND =
            SmtpReply.of(500, "5.5.2", "8-bit characters in a command line need SMTPUTF8 (RFC 6531)");
    static final SmtpReply INVALID_UTF8 = SmtpReply.of(500, "5.5.2", "Invalid UTF-8 in command line");
    static final SmtpReply NON_ASCII_ADDRESS =
            SmtpReply.of(553, "5.6.7", "Non-ASCII addresses need the SMTPUTF8 parameter (RFC 6531 section 3.3)");

    static SmtpReply syntax(String usage) {
        return SmtpReply.of(501, "5.5.4", "Syntax: " + usage);
    }

    static SmtpReply badParameter(String detail) {
        return SmtpReply.of(501, "5.5.4", "Syntax error in parameters: " + detail);
    }

    static SmtpReply unsupportedParameter(String keyword) {
        return SmtpReply.of(555, "5.5.4", "Unsupported parameter: " + keyword);
    }

    static final SmtpReply BAD_SENDER = SmtpReply.of(501, "5.1.7", "Bad sender address syntax");
    static final SmtpReply BAD_RECIPIENT = SmtpReply.of(501, "5.1.3", "Bad recipient address syntax");
    static final SmtpReply PATH_TOO_LONG = SmtpReply.of(501, "5.5.4", "Path too long (RFC 5321 section 4.5.3.1)");

    // ---- TLS and AUTH
    static final SmtpReply READY_FOR_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    static final SmtpReply TLS_ALREADY_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS is already active");
    static final SmtpReply TLS_REQUIRED = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply AUTH_SUCCEEDED = SmtpReply.of(235, "2.7.0", "Authentication successful");
    static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.7.0", "Authentication cancelled");
    static final SmtpReply AUTH_BAD_BASE64 = SmtpReply.of(501, "5.5.2", "Cannot decode the SASL response as base64");
    static final SmtpReply AUTH_UNKNOWN_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
    static final SmtpReply AUTH_ALREADY = SmtpReply.of(503, "5.5.1", "Already authenticated");
    static final SmtpReply AUTH_IN_TRANSACTION =
            SmtpReply.of(503, "5.5.1", "AUTH is not permitted during a mail transaction");

    static SmtpReply authChallenge(String base64) {
        return SmtpReply.of(334, base64);
    }

    /** A TLS alert record: fatal handshake_failure, sent instead of a ServerHello. */
    static final byte[] TLS_HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
}
