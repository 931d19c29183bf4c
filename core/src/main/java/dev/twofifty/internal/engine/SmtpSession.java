package dev.twofifty.internal.engine;

import dev.twofifty.AuthMechanism;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.Strictness;
import dev.twofifty.internal.journal.SessionRecorder;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.TranscriptEntry.Party;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpCommand;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.Action;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Delivery;
import dev.twofifty.script.Fault;
import dev.twofifty.script.MessageContent;
import dev.twofifty.script.SessionView;
import dev.twofifty.script.Trigger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The protocol engine of one connection: reads input, parses commands, keeps the session and
 * transaction state, asks the script at every step, and writes replies, all through a
 * {@link Transport}. It does not know about Netty or sockets.
 *
 * <p>Every step goes through {@link #respond}: the conformant default reply and the step's effect
 * are computed first, then the script may replace the reply, delay it, deliver it slowly or inject a
 * fault; the effect follows the reply actually sent (a 2xx to RCPT adds the recipient, whatever
 * decided it). While a reply is delayed, input waits in the buffer and reading stops, so the order
 * of replies is kept and no thread is held.
 *
 * <p>Not thread-safe: every method runs on the connection's I/O thread.
 */
public final class SmtpSession {

    private enum Phase {
        GREETING,
        COMMAND,
        AUTH,
        DATA,
        CHUNK,
        REJECTED,
        STALLED,
        TLS_FAILING,
        CLOSED
    }

    private enum Hello {
        NONE,
        HELO,
        EHLO
    }

    /** What a step changes, given the reply actually sent; runs after the reply is written, before it is flushed. */
    @FunctionalInterface
    private interface Effect {
        Effect NONE = reply -> {};

        void apply(SmtpReply reply);
    }

    /** Everything about one step that the script and the delivery need. */
    private record StepSpec(
            Trigger trigger,
            Trigger secondary,
            SmtpCommand command,
            String line,
            String argument,
            int recipientOrdinal,
            int authStep,
            MessageContent message,
            SmtpReply defaultReply,
            List<String> capabilities,
            UnaryOperator<SmtpReply> finish,
            Effect effect) {}

    private static final Set<String> SYNCHRONIZING_VERBS =
            Set.of("EHLO", "VRFY", "EXPN", "TURN", "QUIT", "NOOP", "AUTH", "STARTTLS");
    private static final Set<String> OBSOLETE_VERBS =
            Set.of("TURN", "ETRN", "ATRN", "SEND", "SOML", "SAML", "XCLIENT", "XFORWARD", "BURL");
    /** The command line limit of RFC 5321 §4.5.3.1.4, with CRLF, whatever the configured limit. */
    private static final int RFC_COMMAND_LINE_LIMIT = 512;
    /** The verbs the server knows; any other line right after an AUTH is taken for a stray SASL response. */
    private static final Set<String> COMMAND_VERBS = Set.of(
            "HELO",
            "EHLO",
            "MAIL",
            "RCPT",
            "DATA",
            "BDAT",
            "RSET",
            "QUIT",
            "STARTTLS",
            "NOOP",
            "HELP",
            "VRFY",
            "EXPN",
            "AUTH");

    private static final Set<String> ALLOWED_BEFORE_TLS = Set.of("EHLO", "HELO", "STARTTLS", "NOOP", "RSET", "QUIT");
    private static final SmtpReply QUEUED_PLACEHOLDER = SmtpReply.of(250, "2.0.0", "OK: queued");
    /**
     * While a reply is held back (a scripted delay or a slow delivery), the server keeps reading so that
     * bytes the client sends early, and its close, are seen when they arrive; it stops once this much
     * input waits.
     */
    private static final int HELD_INPUT_LIMIT = 64 * 1024;

    private final ServerContext server;
    private final ServerConfig config;
    private final Transport transport;
    private final String remoteAddress;
    private final boolean implicitTls;
    private final boolean lenient;
    private final SessionRecorder record;
    private final InputBuffer input = new InputBuffer();
    private final SessionScriptState scriptState = new SessionScriptState();
    private final java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();

    private Phase phase = Phase.GREETING;
    private boolean paused;
    /** Commands wait in the input until the client has taken the replies queued for it. */
    private boolean awaitingWritability;

    private Transport.Cancellable pendingTask;
    private boolean readingStopped;
    /** Octets per second at which message content is read ({@link Fault#readSlowly}); 0 for full speed. */
    private long slowReadRate;
    /** Whether reading waits for the slow-read rate to catch up. */
    private boolean throttled;
    /** The pending {@link Fault#closeWhenIdle} check, or null. */
    private Transport.Cancellable idleClose;

    private int inputBatch;
    private int outputBatch = 1;
    private boolean unflushed;
    private int lastFlushInputBatch = -1;
    private String previousVerb;
    private boolean greetingSent;

    private Hello hello = Hello.NONE;
    private Set<SmtpExtension> active = EnumSet.noneOf(SmtpExtension.class);
    private TlsInfo tls;
    private String ehloName;
    private String authenticatedUser;
    private AuthExchange auth;
    private int authStep;
    /** Since the last AUTH command or exchange ended, only lines that are not commands have come. */
    private boolean afterAuth;

    private Transaction transaction;
    private int transactionCount;
    private int invalidCommands;
    private boolean quitReceived;
    private SessionEnd endReason;
    private boolean ended;
    private long chunkRemaining;
    private SmtpCommand.Bdat chunkCommand;
    private ContentSink chunkSink;

    SmtpSession(ServerContext server, Transport transport, String remoteAddress, boolean implicitTls) {
        this.server = server;
        this.config = server.config();
        this.transport = transport;
        this.remoteAddress = remoteAddress;
        this.implicitTls = implicitTls;
        this.lenient = config.strictness() == Strictness.LENIENT;
        this.record = server.journal().openSession(remoteAddress);
    }

    // =====================================================================================
    // Events from the transport

    /** The connection is open: greet, unless there are too many connections. */
    public void start() {
        record.event(Party.CLIENT, "connected from " + remoteAddress + (implicitTls ? " (implicit TLS)" : ""));
        if (!server.admit(this)) {
            writeReply(Replies.TOO_MANY_CONNECTIONS, false);
            closeConnection(SessionEnd.SERVER_CLOSE);
            return;
        }
        if (!implicitTls) {
            greet();
        }
        // On the implicit-TLS port the greeting waits for the handshake (RFC 8314 §3.3), so a failed
        // handshake never shows a greeting that was not delivered.
    }

    private void greet() {
        respond(new StepSpec(
                Trigger.CONNECT,
                null,
                null,
                "",
                "",
                0,
                0,
                null,
                Replies.greeting(config.hostname()),
                null,
                UnaryOperator.identity(),
                reply -> {
                    greetingSent = true;
                    phase = reply.isPositiveCompletion() ? Phase.COMMAND : Phase.REJECTED;
                }));
        flush();
    }

    /** Bytes arrived (decrypted, when TLS is on). */
    public void onInput(ByteBuffer bytes) {
        if (phase == Phase.CLOSED || !bytes.hasRemaining()) {
            return;
        }
        inputBatch++;
        if (phase == Phase.STALLED) {
            bytes.position(bytes.limit());
            return;
        }
        if (phase == Phase.TLS_FAILING) {
            byte[] head = new byte[Math.min(200, bytes.remaining())];
            bytes.get(head);
            recordPlaintextInsteadOfHandshake(head);
            bytes.position(bytes.limit());
            failTlsHandshake();
            return;
        }
        if (!greetingSent && !record.hasViolation(Violation.Type.EARLY_TALKER)) {
            violation(Violation.Type.EARLY_TALKER, "the client sent data before the server's greeting");
        }
        int octets = bytes.remaining();
        input.append(bytes, inputBatch);
        cancelIdleClose();
        if (paused && (!greetingSent || input.readable() >= HELD_INPUT_LIMIT)) {
            // The early talker is recorded, or enough input waits for a held reply: hold the rest back
            // (bounded buffer) until the reply is out.
            transport.setReading(false);
        }
        if (slowReadRate > 0 && (phase == Phase.DATA || phase == Phase.CHUNK)) {
            throttle(octets);
        }
        processInput();
    }

    /** The transport finished a read burst: send what the burst produced. */
    public void onReadComplete() {
        input.trim();
        if (!paused) {
            flush();
        }
    }

    /**
     * The connection's writability changed. A client that pipelines commands without reading the
     * replies makes the connection unwritable; the session then stops handling its commands (they
     * wait in the input, and reading stops), so that the replies queued for it stay bounded and the
     * I/O thread is free for the other sessions. Once writable again, the waiting commands go on.
     */
    public void onWritabilityChanged(boolean writable) {
        if (writable && awaitingWritability && !paused && phase != Phase.CLOSED) {
            processInput();
            if (!paused) {
                flush();
            }
        }
    }

    /** No input for the idle timeout. */
    public void onIdle() {
        if (phase == Phase.CLOSED || phase == Phase.STALLED || paused) {
            // The silence is the server's own (a scripted delay or stall): not the client's fault.
            return;
        }
        record.event(Party.SERVER, "idle timeout (" + config.limits().idleTimeout() + ")");
        writeReply(Replies.idleTimeout(config.hostname()), false);
        closeConnection(SessionEnd.TIMEOUT);
    }

    /** The TLS handshake finished. */
    public void onTlsEstablished(String protocol, String cipherSuite) {
        tls = new TlsInfo(protocol, cipherSuite, implicitTls);
        record.tls(tls);
        record.event(Party.SERVER, "TLS established: " + protocol + " " + cipherSuite);
        if (implicitTls && phase == Phase.GREETING && !greetingSent && pendingTask == null) {
            greet();
        }
    }

    /** The client ended its TLS session with a close_notify alert (RFC 8446 §6.1, RFC 8314 §3.4). */
    public void onTlsCloseNotify() {
        if (!ended) {
            record.event(Party.CLIENT, "TLS close_notify received");
        }
    }

    /** The TLS handshake or the TLS layer failed. */
    public void onTlsFailed(Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        record.event(Party.SERVER, "TLS failed: " + summary(cause));
        endReason = endReason == null ? SessionEnd.ERROR : endReason;
        phase = Phase.CLOSED;
        transport.close();
    }

    /** The first line of an exception's message, without the hex dumps some TLS errors carry. */
    private static String summary(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return cause.getClass().getSimpleName() + ": "
                + (first.length() > 200 ? first.substring(0, 200) + "..." : first);
    }

    /** The transport failed (for example the peer reset the connection). */
    public void onTransportError(Throwable cause) {
        if (phase != Phase.CLOSED) {
            record.event(Party.SERVER, "transport error: " + cause.getMessage());
        }
    }

    /** Something failed inside the server: tell the client, record it, close this connection only. */
    public void onInternalError(Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        record.event(Party.SERVER, "internal error, closing: " + summary(cause));
        cancelPending();
        unflushed = false;
        writeReply(Replies.INTERNAL_ERROR, false);
        closeConnection(SessionEnd.ERROR);
    }

    /** The connection is closed, by either side. Ends the session in the journal. */
    public void onClosed() {
        if (ended) {
            return;
        }
        ended = true;
        phase = Phase.CLOSED;
        cancelPending();
        cancelIdleClose();
        if (transaction != null) {
            record.transaction(transaction.record(Outcome.INTERRUPTED, null, null));
            transaction = null;
        }
        SessionEnd end = endReason;
        if (end == null) {
            end = SessionEnd.CLIENT_CLOSE;
            if (!quitReceived) {
                violation(Violation.Type.CLOSED_WITHOUT_QUIT, "the client closed the connection without QUIT");
            }
        }
        record.event(end == SessionEnd.CLIENT_CLOSE ? Party.CLIENT : Party.SERVER, "connection closed (" + end + ")");
        record.end(end);
        server.release(this);
        if (!server.listeners().isEmpty()) {
            server.listeners().sessionEnded(record.snapshot());
        }
        server.journal().sessionEnded(record);
        closed.complete(null);
    }

    /** Completes when the connection is closed and the session recorded as ended. */
    public java.util.concurrent.CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Asks the session, from any thread, to say the server is closing and to close. */
    public void requestShutdown() {
        transport.execute(this::shutdown);
    }

    /**
     * Asks the session, from any thread, to cancel a reply waiting on a scripted delay or stall.
     *
     * @return completes once the session has acted, with whether it closed the connection for it
     */
    public java.util.concurrent.CompletableFuture<Boolean> requestCancelDelayedReply() {
        java.util.concurrent.CompletableFuture<Boolean> done = new java.util.concurrent.CompletableFuture<>();
        transport.execute(() -> done.complete(cancelDelayedReply()));
        return done;
    }

    /** The server is closing: say so and close. */
    void shutdown() {
        if (phase == Phase.CLOSED) {
            return;
        }
        cancelPending();
        if (greetingSent && phase != Phase.STALLED) {
            writeReply(Replies.shuttingDown(config.hostname()), false);
        }
        closeConnection(SessionEnd.SERVER_CLOSE);
    }

    /** A reset of the server's script: a reply still waiting on a delay is cancelled and the connection closed. */
    boolean cancelDelayedReply() {
        if (pendingTask != null || phase == Phase.STALLED) {
            cancelPending();
            record.event(Party.SERVER, "scripted delay or stall cancelled by a reset of the server");
            closeConnection(SessionEnd.SERVER_CLOSE);
            return true;
        }
        return false;
    }

    // =====================================================================================
    // Views for the script

    SessionView view() {
        return new SessionView(
                record.id(),
                remoteAddress,
                tls != null,
                Optional.ofNullable(authenticatedUser),
                Optional.ofNullable(ehloName),
                transaction != null ? transaction.index : transactionCount + 1);
    }

    Transaction transaction() {
        return transaction;
    }

    SessionScriptState scriptState() {
        return scriptState;
    }

    /** The journal id of this session. */
    public long id() {
        return record.id();
    }

    /** The size of the input buffer's backing array: the session's own memory, for tests of its bounds. */
    int inputCapacity() {
        return input.capacity();
    }

    // =====================================================================================
    // Input

    private void processInput() {
        awaitingWritability = false;
        while (!paused && phase != Phase.CLOSED) {
            if ((phase == Phase.COMMAND || phase == Phase.AUTH || phase == Phase.REJECTED)
                    && !transport.isWritable()
                    && input.readable() > 0) {
                // Let the queued replies go; if they cannot, wait for the client to take them.
                flush();
                if (!transport.isWritable()) {
                    awaitingWritability = true;
                    break;
                }
            }
            boolean progressed = switch (phase) {
                case COMMAND, AUTH, REJECTED -> readLine();
                case DATA -> readData();
                case CHUNK -> readChunk();
                case STALLED -> {
                    input.discard();
                    yield false;
                }
                case TLS_FAILING -> {
                    if (input.readable() > 0) {
                        recordPlaintextInsteadOfHandshake(input.peek(200));
                        input.discard();
                        failTlsHandshake();
                    }
                    yield false;
                }
                default -> false;
            };
            if (!progressed) {
                break;
            }
        }
    }

    private boolean readLine() {
        int limit = config.limits().maxCommandLineLength();
        if (phase == Phase.AUTH || config.isEnabled(SmtpExtension.AUTH)) {
            limit = Math.max(limit, config.limits().maxAuthLineLength());
        }
        InputBuffer.Line line = input.readLine(limit);
        if (line == null) {
            return false;
        }
        handleLine(line);
        return true;
    }

    private void handleLine(InputBuffer.Line line) {
        String text = CommandParser.decode(line.bytes());
        String shown = text != null ? text : new String(line.bytes(), StandardCharsets.ISO_8859_1);
        if (phase == Phase.AUTH) {
            record.clientLine(shown.equals("*") ? "*" : "****", line.batch());
            handleAuthResponse(line, text);
            return;
        }
        String verb = verbOf(shown);
        if (afterAuth && !COMMAND_VERBS.contains(verb) && !shown.isEmpty() && !shown.equals("*")) {
            // A SASL response the server did not ask for (AUTH was refused, or the exchange is over):
            // a client that does not wait for replies sends its credentials as a command line.
            shown = "****";
            verb = "****";
            text = text == null ? null : shown;
        } else if (COMMAND_VERBS.contains(verb)) {
            // Also an AUTH line refused before it is parsed (too long, say) is followed by its responses.
            afterAuth = verb.equals("AUTH");
        }
        // From here on only the masked line is recorded: an AUTH line carries credentials.
        String masked = mask(verb, shown);
        record.clientLine(line.has(InputBuffer.TOO_LONG) ? masked + " [...]" : masked, line.batch());
        checkPipelining(verb, line.batch());
        previousVerb = verb;

        if (verb.equals("AUTH") && line.bytes().length + 2 > RFC_COMMAND_LINE_LIMIT) {
            // RFC 4954 §4: an initial response that would take the AUTH line past the SMTP line limit must not be used.
            violation(
                    Violation.Type.COMMAND_LINE_TOO_LONG,
                    "an AUTH line of " + (line.bytes().length + 2) + " octets, over the " + RFC_COMMAND_LINE_LIMIT
                            + " of RFC 5321 §4.5.3.1.4 (RFC 4954 §4: no initial response then)");
        }
        int commandLimit = config.limits().maxCommandLineLength() - 2;
        boolean tooLong =
                line.has(InputBuffer.TOO_LONG) || (!verb.equals("AUTH") && line.bytes().length > commandLimit);
        SmtpReply rejection = null;
        if (tooLong) {
            violation(
                    Violation.Type.COMMAND_LINE_TOO_LONG,
                    "a command line longer than " + config.limits().maxCommandLineLength() + " octets");
            rejection = Replies.lineTooLong(config.limits().maxCommandLineLength());
        } else if (line.has(InputBuffer.NUL)) {
            violation(Violation.Type.NUL_IN_COMMAND, "NUL octet in: " + printable(masked));
            rejection = Replies.NUL_OCTET;
        } else if (line.has(InputBuffer.BARE_LF) || line.has(InputBuffer.BARE_CR)) {
            boolean bareLf = line.has(InputBuffer.BARE_LF);
            violation(
                    bareLf ? Violation.Type.BARE_LF_IN_COMMAND : Violation.Type.BARE_CR_IN_COMMAND,
                    (bareLf ? "line ended with a bare LF: " : "bare CR in: ") + printable(masked));
            if (!lenient) {
                rejection = Replies.BARE_CR_OR_LF;
            }
        }
        if (rejection == null && text == null) {
            violation(Violation.Type.NON_ASCII_COMMAND, "invalid UTF-8 in: " + printable(masked));
            rejection = Replies.INVALID_UTF8;
        }
        if (rejection == null && line.has(InputBuffer.NON_ASCII) && !verb.equals("MAIL") && !verb.equals("RCPT")) {
            violation(Violation.Type.NON_ASCII_COMMAND, "8-bit characters in: " + printable(masked));
            rejection = Replies.EIGHT_BIT_COMMAND;
        }
        if (rejection != null) {
            // The specific violation is recorded already; the line still counts as an invalid command.
            invalidCommands++;
            respondInvalid(
                    triggerOf(verb), new SmtpCommand.Malformed(verb, argumentOf(masked), rejection), masked, rejection);
            return;
        }
        String cleaned = lenient ? text.replace("\r", "") : text;
        SmtpCommand command = CommandParser.parse(cleaned, lenient);
        if (command instanceof SmtpCommand.Malformed malformed && verb.equals("AUTH")) {
            // The parser keeps the argument as sent; for AUTH that is the secret.
            command = new SmtpCommand.Malformed(malformed.verb(), argumentOf(masked), malformed.reply());
        }
        dispatch(command, masked);
    }

    private boolean readData() {
        Transaction current = transaction;
        boolean finished = input.readData(current.decoder, current.content);
        if (current.content.stopRequested()) {
            dropInMidContent(current.content.received());
            return false;
        }
        if (!finished) {
            return false;
        }
        phase = Phase.COMMAND;
        slowReadRate = 0;
        record.content(describeContent("message content", current.content), inputBatch);
        endOfData(current);
        return true;
    }

    private boolean readChunk() {
        int moved = input.readChunk(chunkRemaining, chunkSink);
        chunkRemaining -= moved;
        if (chunkSink.stopRequested()) {
            dropInMidContent(((MessageAssembler) chunkSink).received());
            return false;
        }
        if (chunkRemaining > 0) {
            return false;
        }
        phase = Phase.COMMAND;
        record.content("[BDAT chunk: " + chunkCommand.size() + " octets]", inputBatch);
        chunkComplete(chunkCommand);
        return true;
    }

    private void dropInMidContent(long received) {
        record.event(Party.SERVER, "fault: connection closed after " + received + " octets of message content");
        closeConnection(SessionEnd.FAULT);
    }

    // =====================================================================================
    // Commands

    private void dispatch(SmtpCommand command, String line) {
        if (command instanceof SmtpCommand.Malformed malformed) {
            invalid(Violation.Type.SYNTAX_ERROR, "syntax error: " + printable(line));
            respondInvalid(triggerOf(malformed.verb()), command, line, malformed.reply());
            return;
        }
        if (command instanceof SmtpCommand.Unknown unknown) {
            invalid(Violation.Type.UNKNOWN_COMMAND, "unknown command: " + printable(line));
            SmtpReply reply = OBSOLETE_VERBS.contains(unknown.verb())
                    ? Replies.notImplemented(unknown.verb())
                    : Replies.UNRECOGNIZED;
            respondInvalid(Trigger.UNKNOWN, command, line, reply);
            return;
        }
        if (phase == Phase.REJECTED && !(command instanceof SmtpCommand.Quit)) {
            simple(triggerOf(command.verb()), command, line, Replies.NO_SERVICE, Effect.NONE);
            return;
        }
        if (config.requireTls() && tls == null && !ALLOWED_BEFORE_TLS.contains(command.verb())) {
            if (command instanceof SmtpCommand.Bdat bdat) {
                startChunk(bdat, line);
                return;
            }
            simple(triggerOf(command.verb()), command, line, Replies.TLS_REQUIRED, Effect.NONE);
            return;
        }
        if (command instanceof SmtpCommand.Ehlo ehlo) {
            ehlo(ehlo, line);
        } else if (command instanceof SmtpCommand.Helo helo) {
            helo(helo, line);
        } else if (command instanceof SmtpCommand.MailFrom mail) {
            mail(mail, line);
        } else if (command instanceof SmtpCommand.RcptTo rcpt) {
            rcpt(rcpt, line);
        } else if (command instanceof SmtpCommand.Data data) {
            data(data, line);
        } else if (command instanceof SmtpCommand.Bdat bdat) {
            startChunk(bdat, line);
        } else if (command instanceof SmtpCommand.Rset) {
            simple(Trigger.RSET, command, line, Replies.OK, reply -> {
                if (reply.isPositiveCompletion()) {
                    abortTransaction();
                }
            });
        } else if (command instanceof SmtpCommand.Noop) {
            simple(Trigger.NOOP, command, line, Replies.OK, Effect.NONE);
        } else if (command instanceof SmtpCommand.Vrfy) {
            simple(Trigger.VRFY, command, line, Replies.VRFY, Effect.NONE);
        } else if (command instanceof SmtpCommand.Expn) {
            simple(Trigger.EXPN, command, line, Replies.EXPN, Effect.NONE);
        } else if (command instanceof SmtpCommand.Help) {
            simple(Trigger.HELP, command, line, Replies.HELP, Effect.NONE);
        } else if (command instanceof SmtpCommand.Quit quit) {
            quit(quit, line);
        } else if (command instanceof SmtpCommand.StartTls startTls) {
            startTls(startTls, line);
        } else if (command instanceof SmtpCommand.Auth authCommand) {
            auth(authCommand, line);
        } else {
            throw new IllegalStateException("unhandled command " + command);
        }
    }

    private void respondInvalid(Trigger trigger, SmtpCommand command, String line, SmtpReply reply) {
        // The limit is how many invalid commands are answered; the one after them gets 421.
        boolean tooMany = invalidCommands > config.limits().maxInvalidCommands();
        simple(trigger, command, line, tooMany ? Replies.TOO_MANY_ERRORS : reply, Effect.NONE);
    }

    private void invalid(Violation.Type type, String detail) {
        invalidCommands++;
        violation(type, detail);
    }

    private void ehlo(SmtpCommand.Ehlo ehlo, String line) {
        List<String> capabilities = capabilities();
        respond(new StepSpec(
                Trigger.EHLO,
                null,
                ehlo,
                line,
                ehlo.argument(),
                0,
                0,
                null,
                Replies.ehlo(config.hostname(), ehlo.domain(), capabilities),
                capabilities,
                UnaryOperator.identity(),
                reply -> {
                    if (reply.isPositiveCompletion()) {
                        abortTransaction();
                        hello = Hello.EHLO;
                        ehloName = ehlo.domain();
                        record.ehlo(ehlo.domain());
                        active = extensionsIn(reply);
                    }
                }));
    }

    private void helo(SmtpCommand.Helo helo, String line) {
        simple(Trigger.HELO, helo, line, Replies.helo(config.hostname(), helo.domain()), reply -> {
            if (reply.isPositiveCompletion()) {
                abortTransaction();
                hello = Hello.HELO;
                ehloName = helo.domain();
                record.ehlo(helo.domain());
                active = EnumSet.noneOf(SmtpExtension.class);
            }
        });
    }

    private void mail(SmtpCommand.MailFrom mail, String line) {
        SmtpReply reply;
        long maxSize = config.limits().maxMessageSize();
        if (hello == Hello.NONE) {
            reply = bad(Replies.NEED_HELLO, "MAIL before EHLO or HELO");
        } else if (config.requireAuth() && authenticatedUser == null) {
            reply = Replies.AUTH_REQUIRED;
        } else if (transaction != null) {
            reply = bad(Replies.NESTED_MAIL, "MAIL inside an open transaction");
        } else if (mail.reversePath().mailbox() != null
                && mail.reversePath().mailbox().isInternationalized()
                && !(mail.parameters().has("SMTPUTF8") && active.contains(SmtpExtension.SMTPUTF8))) {
            violation(Violation.Type.NON_ASCII_COMMAND, "non-ASCII sender without SMTPUTF8: " + printable(line));
            reply = Replies.NON_ASCII_ADDRESS;
        } else {
            reply = ParameterChecks.checkMail(mail.parameters(), active, maxSize);
            if (ParameterChecks.declaredSizeTooLarge(mail.parameters(), maxSize)
                    && active.contains(SmtpExtension.SIZE)) {
                violation(Violation.Type.MESSAGE_TOO_LARGE, "declared SIZE over the limit of " + maxSize);
            }
            if (reply == null) {
                reply = Replies.senderOk(mail.reversePath().text());
            }
        }
        simple(Trigger.MAIL, mail, line, reply, finalReply -> {
            if (finalReply.isPositiveCompletion()) {
                abortTransaction();
                transaction = new Transaction(++transactionCount, mail.reversePath(), mail.parameters());
                record.transaction(transaction.record(Outcome.OPEN, null, null));
            }
        });
    }

    private void rcpt(SmtpCommand.RcptTo rcpt, String line) {
        SmtpReply reply;
        if (hello == Hello.NONE) {
            reply = bad(Replies.NEED_HELLO, "RCPT before EHLO or HELO");
        } else if (transaction == null) {
            reply = bad(Replies.NEED_MAIL, "RCPT before MAIL");
        } else if (transaction.contentStarted()) {
            reply = bad(Replies.NEED_MAIL, "RCPT after message content started");
        } else if (transaction.recipients.size() >= config.limits().maxRecipients()) {
            reply = Replies.TOO_MANY_RECIPIENTS;
        } else if (rcpt.forwardPath().mailbox().isInternationalized() && !transaction.smtpUtf8()) {
            violation(Violation.Type.NON_ASCII_COMMAND, "non-ASCII recipient without SMTPUTF8: " + printable(line));
            reply = Replies.NON_ASCII_ADDRESS;
        } else {
            reply = ParameterChecks.checkRcpt(rcpt.parameters(), active);
            if (reply == null) {
                reply = Replies.recipientOk(rcpt.forwardPath().text());
            }
        }
        int ordinal = transaction == null ? 1 : ++transaction.rcptCommands;
        respond(new StepSpec(
                Trigger.RCPT,
                null,
                rcpt,
                line,
                rcpt.argument(),
                ordinal,
                0,
                null,
                reply,
                null,
                UnaryOperator.identity(),
                finalReply -> {
                    if (finalReply.isPositiveCompletion() && transaction != null && !transaction.contentStarted()) {
                        transaction.recipients.add(new Recipient(rcpt.forwardPath(), rcpt.parameters()));
                        record.transaction(transaction.record(Outcome.OPEN, null, null));
                    }
                }));
    }

    private void data(SmtpCommand.Data data, String line) {
        SmtpReply reply;
        if (transaction == null) {
            reply = bad(hello == Hello.NONE ? Replies.NEED_HELLO : Replies.NEED_MAIL, "DATA without a transaction");
        } else if (transaction.usingBdat) {
            reply = bad(Replies.DATA_IN_BDAT_TRANSACTION, "DATA after BDAT in one transaction");
        } else if (transaction.recipients.isEmpty()) {
            reply = bad(Replies.NEED_RCPT, "DATA without an accepted recipient");
        } else {
            reply = Replies.START_MAIL_INPUT;
        }
        simple(Trigger.DATA, data, line, reply, finalReply -> {
            if (finalReply.isPositiveIntermediate()) {
                if (transaction == null) {
                    transaction = new Transaction(++transactionCount, Path.NULL, EsmtpParameters.NONE);
                }
                transaction.content = new MessageAssembler(config.limits().maxMessageSize(), sizeHint(transaction));
                transaction.decoder = new DataDecoder(lenient, config.limits().maxTextLineLength());
                record.transaction(transaction.record(Outcome.OPEN, null, null));
                phase = Phase.DATA;
                if (input.readable() > 0) {
                    violation(
                            Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND,
                            "message content sent before the 354 reply to DATA");
                }
            }
        });
    }

    private void endOfData(Transaction current) {
        MessageAssembler content = current.content;
        SmtpReply reply = QUEUED_PLACEHOLDER;
        long maxSize = config.limits().maxMessageSize();
        if (content.overLimit()) {
            violation(Violation.Type.MESSAGE_TOO_LARGE, content.received() + " octets sent, the limit is " + maxSize);
            reply = Replies.messageTooBig(maxSize);
        }
        if (content.hasBareLf()) {
            violation(Violation.Type.BARE_LF_IN_DATA, "message content has a LF without CR");
        }
        if (content.hasBareCr()) {
            violation(Violation.Type.BARE_CR_IN_DATA, "message content has a CR without LF");
        }
        if (content.hasLineTooLong()) {
            violation(
                    Violation.Type.TEXT_LINE_TOO_LONG,
                    "message content has a line longer than " + config.limits().maxTextLineLength() + " octets");
        }
        if (content.hasEightBit()
                && !current.envelope().body().filter("8BITMIME"::equals).isPresent()) {
            violation(
                    Violation.Type.EIGHT_BIT_CONTENT_WITHOUT_8BITMIME,
                    "8-bit octets in message content without BODY=8BITMIME");
        }
        if (reply == QUEUED_PLACEHOLDER && !lenient) {
            if (content.hasBareLf() || content.hasBareCr()) {
                reply = Replies.CONTENT_BARE_CR_OR_LF;
            } else if (content.hasLineTooLong()) {
                reply = Replies.contentLineTooLong(config.limits().maxTextLineLength());
            }
        }
        finishMessage(Trigger.MESSAGE, null, null, "", current, reply);
    }

    /** The end of a message (DATA or BDAT LAST): journal it if the final reply accepts it. */
    private void finishMessage(
            Trigger trigger,
            Trigger secondary,
            SmtpCommand command,
            String line,
            Transaction current,
            SmtpReply reply) {
        boolean[] accepted = {false};
        long[] messageId = {0};
        // One copy of the content serves the script and the journal.
        byte[] raw = current != null && current.content != null ? current.content.content() : null;
        MessageContent message = raw == null ? null : new MessageContent(raw);
        respond(new StepSpec(
                trigger,
                secondary,
                command,
                line,
                command == null ? "" : command.argument(),
                0,
                0,
                message,
                reply,
                null,
                finalReply -> {
                    if (!finalReply.isPositiveCompletion() || current == null || current.content == null) {
                        return finalReply;
                    }
                    // Journal before the reply leaves: every 250 the client sees is already in the journal.
                    ReceivedMessage received = server.journal()
                            .addMessage(
                                    record.id(),
                                    current.index,
                                    current.envelope(),
                                    raw,
                                    server.listeners()::messageReceived);
                    accepted[0] = true;
                    messageId[0] = received.id();
                    return finalReply == QUEUED_PLACEHOLDER ? Replies.queued(received.id()) : finalReply;
                },
                finalReply -> {
                    if (current == null) {
                        return;
                    }
                    record.transaction(current.record(
                            accepted[0] ? Outcome.ACCEPTED : Outcome.REJECTED,
                            finalReply,
                            accepted[0] ? messageId[0] : null));
                    if (transaction == current) {
                        transaction = null;
                    }
                }));
    }

    private void startChunk(SmtpCommand.Bdat bdat, String line) {
        chunkCommand = bdat;
        chunkRemaining = bdat.size();
        boolean usable = transaction != null
                && !transaction.recipients.isEmpty()
                && !transaction.bdatFailed
                && (transaction.content == null || transaction.usingBdat);
        if (usable) {
            if (transaction.content == null) {
                transaction.content = new MessageAssembler(config.limits().maxMessageSize(), sizeHint(transaction));
                transaction.usingBdat = true;
                record.transaction(transaction.record(Outcome.OPEN, null, null));
            }
            chunkSink = transaction.content;
        } else {
            // The octets must be read whatever the reply (RFC 3030 §2), so they are counted and dropped.
            chunkSink = new MessageAssembler(0);
        }
        phase = Phase.CHUNK;
    }

    private void chunkComplete(SmtpCommand.Bdat bdat) {
        SmtpReply reply;
        boolean canAccept = false;
        boolean tooLarge = false;
        if (!active.contains(SmtpExtension.CHUNKING) || config.requireTls() && tls == null) {
            reply = !active.contains(SmtpExtension.CHUNKING) ? Replies.notImplemented("BDAT") : Replies.TLS_REQUIRED;
        } else if (transaction == null) {
            reply = bad(hello == Hello.NONE ? Replies.NEED_HELLO : Replies.NEED_MAIL, "BDAT without a transaction");
        } else if (transaction.recipients.isEmpty()) {
            reply = bad(Replies.NEED_RCPT, "BDAT without an accepted recipient");
        } else if (transaction.bdatFailed) {
            reply = bad(Replies.BDAT_AFTER_FAILURE, "BDAT after a failed BDAT");
        } else if (!transaction.usingBdat) {
            reply = bad(Replies.DATA_IN_BDAT_TRANSACTION, "BDAT and DATA mixed in one transaction");
        } else if (transaction.content.overLimit()) {
            violation(
                    Violation.Type.MESSAGE_TOO_LARGE,
                    transaction.content.received() + " octets sent, the limit is "
                            + config.limits().maxMessageSize());
            reply = Replies.messageTooBig(config.limits().maxMessageSize());
            tooLarge = true;
        } else {
            canAccept = true;
            reply = bdat.last() ? QUEUED_PLACEHOLDER : Replies.chunkReceived(bdat.size());
        }
        String line = "BDAT " + bdat.argument();
        if (bdat.last()) {
            slowReadRate = 0;
            // A message refused for its size still ends its transaction, as after DATA.
            finishMessage(Trigger.BDAT, Trigger.MESSAGE, bdat, line, canAccept || tooLarge ? transaction : null, reply);
            return;
        }
        simple(Trigger.BDAT, bdat, line, reply, finalReply -> {
            if (!finalReply.isPositiveCompletion()) {
                markBdatFailed();
            }
        });
    }

    /** The declared SIZE, if any, to size the content buffer once instead of growing it. */
    private static long sizeHint(Transaction transaction) {
        return transaction
                .mailParameters
                .get("SIZE")
                .filter(value ->
                        !value.isEmpty() && value.length() < 12 && value.chars().allMatch(Character::isDigit))
                .map(Long::parseLong)
                .orElse(0L);
    }

    private void markBdatFailed() {
        if (transaction != null && transaction.usingBdat) {
            transaction.bdatFailed = true;
        }
    }

    private void quit(SmtpCommand.Quit quit, String line) {
        quitReceived = true;
        simple(Trigger.QUIT, quit, line, Replies.closing(config.hostname()), reply -> {
            if (reply.isPositiveCompletion()) {
                abortTransaction();
                closeConnection(SessionEnd.QUIT);
            }
        });
    }

    private void startTls(SmtpCommand.StartTls command, String line) {
        SmtpReply reply;
        boolean offered = config.isEnabled(SmtpExtension.STARTTLS)
                && (hello == Hello.NONE || active.contains(SmtpExtension.STARTTLS));
        if (tls != null || implicitTls) {
            reply = Replies.TLS_ALREADY_ACTIVE;
        } else if (!offered) {
            reply = Replies.notImplemented("STARTTLS");
        } else {
            reply = Replies.READY_FOR_TLS;
        }
        simple(Trigger.STARTTLS, command, line, reply, finalReply -> {
            if (finalReply.code() != 220) {
                return;
            }
            int plaintext = input.discard();
            if (plaintext > 0) {
                violation(
                        Violation.Type.PLAINTEXT_AFTER_STARTTLS,
                        plaintext + " octets sent after STARTTLS before the TLS handshake were discarded");
            }
            transport.startTls();
            // RFC 3207 §4.2: forget everything learned from the client before TLS.
            abortTransaction();
            hello = Hello.NONE;
            active = EnumSet.noneOf(SmtpExtension.class);
            authenticatedUser = null;
            record.event(Party.SERVER, "TLS handshake started");
        });
    }

    private void auth(SmtpCommand.Auth command, String line) {
        SmtpReply reply;
        AuthExchange.Start start = null;
        AuthMechanism mechanism = AuthMechanism.bySaslName(command.mechanism());
        if (hello == Hello.NONE) {
            reply = bad(Replies.NEED_HELLO, "AUTH before EHLO");
        } else if (!active.contains(SmtpExtension.AUTH)) {
            reply = Replies.notImplemented("AUTH");
        } else if (authenticatedUser != null) {
            reply = bad(Replies.AUTH_ALREADY, "a second AUTH");
        } else if (transaction != null) {
            reply = bad(Replies.AUTH_IN_TRANSACTION, "AUTH inside a mail transaction");
        } else if (mechanism == null || !config.authMechanisms().contains(mechanism)) {
            reply = Replies.AUTH_UNKNOWN_MECHANISM;
        } else {
            start = AuthExchange.start(mechanism, command.initialResponse(), config.credentials(), config.hostname());
            reply = start.outcome().reply();
        }
        AuthExchange exchange = start == null ? null : start.exchange();
        authStep = 0;
        String masked = mask("AUTH", line);
        respond(authStep(command, masked, argumentOf(masked), reply, exchange));
    }

    private void handleAuthResponse(InputBuffer.Line line, String text) {
        authStep++;
        AuthExchange.Outcome outcome;
        if (text == null || line.has(InputBuffer.TOO_LONG)) {
            outcome = new AuthExchange.Outcome(Replies.AUTH_BAD_BASE64, auth.user());
        } else {
            outcome = auth.respond(text);
        }
        String shown = "*".equals(text) ? "*" : "****";
        respond(authStep(null, shown, shown, outcome.reply(), auth));
    }

    private StepSpec authStep(
            SmtpCommand command, String line, String argument, SmtpReply reply, AuthExchange exchange) {
        return new StepSpec(
                Trigger.AUTH,
                null,
                command,
                line,
                argument,
                0,
                authStep,
                null,
                reply,
                null,
                UnaryOperator.identity(),
                finalReply -> {
                    afterAuth = true;
                    if (finalReply.isPositiveIntermediate() && exchange != null) {
                        auth = exchange;
                        phase = Phase.AUTH;
                        return;
                    }
                    if (finalReply.isPositiveCompletion()) {
                        String user = exchange == null || exchange.user() == null ? "(scripted)" : exchange.user();
                        authenticatedUser = user;
                        record.authenticatedAs(user);
                    }
                    auth = null;
                    phase = Phase.COMMAND;
                });
    }

    // =====================================================================================
    // Steps: script, delay, delivery, faults

    private void simple(Trigger trigger, SmtpCommand command, String line, SmtpReply reply, Effect effect) {
        respond(new StepSpec(
                trigger,
                null,
                command,
                line,
                command.argument(),
                0,
                0,
                null,
                reply,
                null,
                UnaryOperator.identity(),
                effect));
    }

    private void respond(StepSpec spec) {
        ScriptEngine.Decision decision = null;
        if (server.script().mayDecide(spec.trigger, spec.secondary)) {
            decision = decide(spec);
        }
        if (decision == null) {
            execute(spec, Action.DEFAULT, false);
            return;
        }
        if (decision.note() != null) {
            record.event(Party.SERVER, decision.note());
        }
        if (decision.rule() != null) {
            record.event(Party.SERVER, "rule " + decision.rule().id() + " fired");
        }
        Action action = decision.action();
        Duration delay = decision.delay();
        if (delay.isZero() || delay.isNegative()) {
            execute(spec, action, true);
            return;
        }
        pause();
        pendingTask = transport.schedule(delay, () -> {
            pendingTask = null;
            if (phase == Phase.CLOSED) {
                return;
            }
            execute(spec, action, true);
            resume();
        });
    }

    private ScriptEngine.Decision decide(StepSpec spec) {
        try {
            return server.script()
                    .decide(new StepContext(
                            this,
                            spec.trigger,
                            spec.secondary,
                            spec.command,
                            spec.line,
                            spec.argument,
                            spec.recipientOrdinal,
                            spec.authStep,
                            spec.message,
                            spec.defaultReply));
        } catch (RuntimeException | StackOverflowError e) {
            // A matcher that throws (a pathological regex, say) must not break the exchange.
            record.event(Party.SERVER, "script failed, default reply sent: " + e);
            return null;
        }
    }

    private void execute(StepSpec spec, Action action, boolean scripted) {
        SmtpReply reply = action.reply() != null ? action.reply() : spec.defaultReply;
        if (action.reply() == null && action.capabilities() != null && spec.capabilities != null) {
            reply = Replies.ehlo(
                    config.hostname(),
                    spec.command.argument(),
                    action.capabilities().applyTo(spec.capabilities));
        }
        Fault fault = action.fault();
        if (fault instanceof Fault.Close) {
            record.event(Party.SERVER, "fault: connection closed without a reply");
            closeConnection(SessionEnd.FAULT);
            return;
        }
        if (fault instanceof Fault.Reset) {
            record.event(Party.SERVER, "fault: connection reset without a reply");
            endReason = SessionEnd.FAULT;
            phase = Phase.CLOSED;
            cancelPending();
            transport.reset();
            return;
        }
        if (fault instanceof Fault.Stall) {
            record.event(Party.SERVER, "fault: stall, no reply and the connection kept open");
            phase = Phase.STALLED;
            input.discard();
            flush();
            return;
        }
        if (fault instanceof Fault.GarbageThenClose garbage) {
            byte[] bytes = garbage.garbage();
            record.event(Party.SERVER, "fault: " + bytes.length + " octets of garbage, then close");
            transport.write(bytes);
            closeConnection(SessionEnd.FAULT);
            return;
        }
        SmtpReply toSend = spec.finish.apply(reply);
        boolean explicitCode =
                scripted && action.reply() != null && action.reply().enhancedCode() != null;
        String wire = action.wire() != null ? action.wire() : toSend.render(explicitCode || enhancedCodes());
        deliver(wire, action.delivery(), () -> afterReply(spec, fault, toSend));
    }

    private void afterReply(StepSpec spec, Fault fault, SmtpReply sent) {
        // After a 220 to STARTTLS, a scripted close or stop of reading must not start TLS: the TLS layer
        // would send a close_notify alert after the reply, or keep reading for its handshake.
        boolean tlsWouldInterfere = spec.trigger == Trigger.STARTTLS
                && (fault instanceof Fault.ReplyThenClose || fault instanceof Fault.StopReading);
        if (!(fault instanceof Fault.TlsHandshakeFailure) && !tlsWouldInterfere) {
            spec.effect.apply(sent);
        }
        if (phase == Phase.CLOSED) {
            return;
        }
        if (fault instanceof Fault.ReplyThenClose) {
            record.event(Party.SERVER, "fault: close after the reply");
            closeConnection(SessionEnd.FAULT);
        } else if (fault instanceof Fault.TlsHandshakeFailure) {
            record.event(Party.SERVER, "fault: the TLS handshake will fail");
            input.discard();
            phase = Phase.TLS_FAILING;
        } else if (fault instanceof Fault.CloseAfterContentBytes drop) {
            record.event(Party.SERVER, "fault: close after " + drop.octets() + " octets of message content");
            ContentSink sink = phase == Phase.CHUNK ? chunkSink : transaction == null ? null : transaction.content;
            if (sink instanceof MessageAssembler assembler) {
                assembler.stopAfter(drop.octets());
            }
        } else if (fault instanceof Fault.ReadSlowly slow) {
            record.event(Party.SERVER, "fault: reading message content at " + slow.octetsPerSecond() + " octets/s");
            slowReadRate = slow.octetsPerSecond();
        } else if (fault instanceof Fault.CloseWhenIdle idle) {
            record.event(Party.SERVER, "fault: 421 and close if the client stays silent for " + idle.idle());
            armIdleClose(idle.idle());
        } else if (fault instanceof Fault.StopReading) {
            record.event(Party.SERVER, "fault: stopped reading from the connection");
            readingStopped = true;
            // pause() also flushes: the reply must still go out although no read burst will end now.
            pause();
        } else if (sent.code() == 421) {
            closeConnection(SessionEnd.SERVER_CLOSE);
        }
    }

    private void deliver(String wire, Delivery delivery, Runnable then) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        if (delivery instanceof Delivery.Whole) {
            transport.write(bytes);
            record.serverReply(wire, outputBatch);
            unflushed = true;
            then.run();
            return;
        }
        record.serverReply(wire, outputBatch);
        List<byte[]> pieces = new ArrayList<>();
        Duration gap;
        if (delivery instanceof Delivery.Drip drip) {
            for (byte b : bytes) {
                pieces.add(new byte[] {b});
            }
            gap = bytes.length <= 1 ? Duration.ZERO : drip.total().dividedBy(bytes.length - 1);
        } else {
            Delivery.Fragments fragments = (Delivery.Fragments) delivery;
            int start = 0;
            for (int offset : fragments.splitOffsets()) {
                if (offset >= bytes.length) {
                    break;
                }
                pieces.add(java.util.Arrays.copyOfRange(bytes, start, offset));
                start = offset;
            }
            pieces.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
            gap = fragments.gap();
        }
        pause();
        sendPieces(pieces, 0, gap, then);
    }

    private void sendPieces(List<byte[]> pieces, int index, Duration gap, Runnable then) {
        transport.write(pieces.get(index));
        transport.flush();
        if (index == pieces.size() - 1) {
            // The reply is complete only now: input read until here was sent before it.
            outputBatch++;
            lastFlushInputBatch = inputBatch;
            then.run();
            resume();
            return;
        }
        pendingTask = transport.schedule(gap, () -> {
            pendingTask = null;
            if (phase != Phase.CLOSED) {
                sendPieces(pieces, index + 1, gap, then);
            }
        });
    }

    private void pause() {
        paused = true;
        flush();
        if (readingStopped || input.readable() >= HELD_INPUT_LIMIT) {
            transport.setReading(false);
        }
        // Otherwise keep reading while the reply is held: a client that talks now did not wait for it
        // (RFC 5321 §3.1, §4.3.1; RFC 2920 §3), and a client that closes now gave up before it, which
        // only input read during the wait can reveal. The input waits its turn; onInput stops reading
        // once HELD_INPUT_LIMIT octets wait.
    }

    private void resume() {
        if (phase == Phase.CLOSED || readingStopped) {
            flush();
            return;
        }
        paused = false;
        transport.setReading(!throttled);
        processInput();
        if (!paused) {
            flush();
        }
    }

    private void writeReply(SmtpReply reply, boolean explicitCode) {
        String wire = reply.render(explicitCode || enhancedCodes());
        transport.write(wire.getBytes(StandardCharsets.UTF_8));
        record.serverReply(wire, outputBatch);
        unflushed = true;
    }

    private void flush() {
        if (unflushed) {
            transport.flush();
            unflushed = false;
            outputBatch++;
            lastFlushInputBatch = inputBatch;
        }
    }

    private void closeConnection(SessionEnd reason) {
        if (endReason == null) {
            endReason = reason;
        }
        cancelPending();
        phase = Phase.CLOSED;
        unflushed = false;
        transport.close();
    }

    private void cancelPending() {
        if (pendingTask != null) {
            pendingTask.cancel();
            pendingTask = null;
        }
    }

    /**
     * RFC 3207 §4: after the 220 the client must start the TLS negotiation before any other command. A
     * TLS handshake record starts with 0x16; anything else (an EHLO in clear, say) is recorded with its
     * first line, so that a plaintext fallback on the same connection shows in the journal.
     */
    private void recordPlaintextInsteadOfHandshake(byte[] head) {
        if (head.length == 0 || head[0] == 0x16) {
            return;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        String firstLine = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        violation(
                Violation.Type.PLAINTEXT_AFTER_STARTTLS,
                "plaintext instead of a TLS handshake after the 220 to STARTTLS: "
                        + printable(mask(verbOf(firstLine), firstLine)));
    }

    /** Reads no more until the octets just read are paid for at the slow-read rate. */
    private void throttle(int octets) {
        throttled = true;
        transport.setReading(false);
        long nanos = octets * 1_000_000_000L / slowReadRate;
        transport.schedule(Duration.ofNanos(Math.max(nanos, 1)), () -> {
            throttled = false;
            if (phase != Phase.CLOSED && !paused && !readingStopped) {
                transport.setReading(true);
            }
        });
    }

    private void armIdleClose(Duration idle) {
        cancelIdleClose();
        idleClose = transport.schedule(idle, () -> {
            idleClose = null;
            if (phase == Phase.CLOSED || phase == Phase.STALLED || paused || input.readable() > 0) {
                return;
            }
            record.event(Party.SERVER, "fault: the client was silent for " + idle + ", 421 and close");
            writeReply(Replies.idleTimeout(config.hostname()), false);
            closeConnection(SessionEnd.TIMEOUT);
        });
    }

    private void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel();
            idleClose = null;
        }
    }

    private void failTlsHandshake() {
        record.event(Party.SERVER, "fault: TLS handshake failed with a handshake_failure alert");
        transport.write(Replies.TLS_HANDSHAKE_FAILURE_ALERT.clone());
        closeConnection(SessionEnd.FAULT);
    }

    // =====================================================================================
    // Helpers

    private boolean enhancedCodes() {
        return active.contains(SmtpExtension.ENHANCED_STATUS_CODES);
    }

    private List<String> capabilities() {
        List<String> capabilities = new ArrayList<>();
        if (config.isEnabled(SmtpExtension.PIPELINING)) {
            capabilities.add("PIPELINING");
        }
        if (config.isEnabled(SmtpExtension.SIZE)) {
            capabilities.add("SIZE " + config.limits().maxMessageSize());
        }
        if (config.isEnabled(SmtpExtension.EIGHT_BIT_MIME)) {
            capabilities.add("8BITMIME");
        }
        if (config.isEnabled(SmtpExtension.SMTPUTF8)) {
            capabilities.add("SMTPUTF8");
        }
        if (config.isEnabled(SmtpExtension.ENHANCED_STATUS_CODES)) {
            capabilities.add("ENHANCEDSTATUSCODES");
        }
        if (config.isEnabled(SmtpExtension.CHUNKING)) {
            capabilities.add("CHUNKING");
        }
        if (config.isEnabled(SmtpExtension.DSN)) {
            capabilities.add("DSN");
        }
        if (config.isEnabled(SmtpExtension.STARTTLS) && tls == null && !implicitTls) {
            capabilities.add("STARTTLS");
        }
        if (config.isEnabled(SmtpExtension.AUTH)
                && !config.authMechanisms().isEmpty()
                && (!config.requireTls() || tls != null)) {
            StringBuilder line = new StringBuilder("AUTH");
            config.authMechanisms().forEach(mechanism -> line.append(' ').append(mechanism.saslName()));
            capabilities.add(line.toString());
        }
        return capabilities;
    }

    /** The extensions an EHLO reply actually advertised: the reply that was sent is the truth. */
    private static Set<SmtpExtension> extensionsIn(SmtpReply reply) {
        Set<SmtpExtension> extensions = EnumSet.noneOf(SmtpExtension.class);
        for (String line : reply.lines().subList(1, reply.lines().size())) {
            SmtpExtension extension = SmtpExtension.byKeyword(CapabilityChange.keywordOf(line));
            if (extension != null) {
                extensions.add(extension);
            }
        }
        return extensions;
    }

    private void checkPipelining(String verb, int batch) {
        boolean pipelined = previousVerb != null && (unflushed || batch <= lastFlushInputBatch);
        if (!pipelined) {
            return;
        }
        if (!active.contains(SmtpExtension.PIPELINING)
                && !record.hasViolation(Violation.Type.PIPELINING_NOT_ADVERTISED)) {
            violation(
                    Violation.Type.PIPELINING_NOT_ADVERTISED,
                    verb + " was sent before the reply to " + previousVerb + " without PIPELINING advertised");
        }
        if (SYNCHRONIZING_VERBS.contains(previousVerb)) {
            violation(
                    Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND,
                    verb + " was sent before the reply to " + previousVerb + ", which must end a pipelined group");
        }
    }

    private void abortTransaction() {
        if (transaction != null) {
            record.transaction(transaction.record(Outcome.ABORTED, null, null));
            transaction = null;
        }
    }

    private SmtpReply bad(SmtpReply reply, String detail) {
        violation(Violation.Type.BAD_SEQUENCE, detail);
        return reply;
    }

    private void violation(Violation.Type type, String detail) {
        record.violation(type, detail);
    }

    private static Trigger triggerOf(String verb) {
        return switch (verb) {
            case "EHLO" -> Trigger.EHLO;
            case "HELO" -> Trigger.HELO;
            case "MAIL" -> Trigger.MAIL;
            case "RCPT" -> Trigger.RCPT;
            case "DATA" -> Trigger.DATA;
            case "BDAT" -> Trigger.BDAT;
            case "RSET" -> Trigger.RSET;
            case "NOOP" -> Trigger.NOOP;
            case "QUIT" -> Trigger.QUIT;
            case "VRFY" -> Trigger.VRFY;
            case "EXPN" -> Trigger.EXPN;
            case "HELP" -> Trigger.HELP;
            case "STARTTLS" -> Trigger.STARTTLS;
            case "AUTH" -> Trigger.AUTH;
            default -> Trigger.UNKNOWN;
        };
    }

    private static String verbOf(String line) {
        return CommandParser.verbOf(line);
    }

    private static String argumentOf(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }

    /** Masks the SASL initial response of an AUTH line: {@code AUTH PLAIN ****}. */
    private static String mask(String verb, String line) {
        if (!verb.equals("AUTH")) {
            return line;
        }
        String[] words = line.trim().split(" +");
        return words.length > 2 ? words[0] + " " + words[1] + " ****" : line;
    }

    private static String printable(String line) {
        StringBuilder out = new StringBuilder(Math.min(line.length(), 120) + 2);
        out.append('"');
        for (int i = 0; i < line.length() && i < 120; i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\0' -> out.append("\\0");
                default -> out.append(c < ' ' ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        if (line.length() > 120) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    private static String describeContent(String what, MessageAssembler content) {
        return "[" + what + ": " + content.received() + " octets]";
    }
}
