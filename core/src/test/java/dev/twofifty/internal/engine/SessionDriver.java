package dev.twofifty.internal.engine;

import dev.twofifty.ServerConfig;
import dev.twofifty.internal.journal.InMemoryJournal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Drives one {@link SmtpSession} over a {@link FakeTransport} the way an event loop would: each
 * {@link #read} is one read burst (one {@code onInput} per buffer, then {@code onReadComplete}), and
 * a close the session asks for is reported back to it ({@code onClosed}) after the call, as the
 * channel would do asynchronously.
 */
final class SessionDriver {

    static final String CLIENT = "client.example";

    static final String EHLO_REPLY = "250-localhost Hello client.example\r\n"
            + "250-PIPELINING\r\n"
            + "250-SIZE 10240000\r\n"
            + "250-8BITMIME\r\n"
            + "250-SMTPUTF8\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n"
            + "250-CHUNKING\r\n"
            + "250 DSN\r\n";

    static final String GREETING = "220 localhost ESMTP TwoFifty ready\r\n";

    final ServerContext context;
    final FakeTransport transport = new FakeTransport();
    final SmtpSession session;
    private boolean closeReported;

    private SessionDriver(ServerContext context) {
        this.context = context;
        this.session = context.newSession(transport, "127.0.0.1:1234", false);
    }

    /** A new server context with this configuration, an empty script and a journal. */
    static ServerContext server(ServerConfig config) {
        return new ServerContext(config, new ScriptEngine(), new InMemoryJournal(1_000, 10_000));
    }

    /** A session on a default server, greeted (the greeting taken). */
    static SessionDriver connected() {
        return connected(ServerConfig.defaults());
    }

    /** A session on a server with this configuration, greeted (the greeting taken). */
    static SessionDriver connected(ServerConfig config) {
        SessionDriver driver = unstarted(server(config));
        driver.start();
        driver.output();
        return driver;
    }

    /** A session on a default server after EHLO (greeting and EHLO reply taken). */
    static SessionDriver afterEhlo() {
        return afterEhlo(ServerConfig.defaults());
    }

    static SessionDriver afterEhlo(ServerConfig config) {
        SessionDriver driver = connected(config);
        driver.send("EHLO " + CLIENT + "\r\n");
        return driver;
    }

    /** A session not yet started, for tests of the greeting or with rules added first. */
    static SessionDriver unstarted(ServerContext context) {
        return new SessionDriver(context);
    }

    SessionDriver withRule(Rule rule) {
        context.script().add(rule);
        return this;
    }

    void start() {
        session.start();
        reportClose();
    }

    /** One read burst: each buffer is one read, then the end of the burst. */
    void read(byte[]... reads) {
        for (byte[] bytes : reads) {
            session.onInput(ByteBuffer.wrap(bytes));
        }
        session.onReadComplete();
        reportClose();
    }

    /** Sends the text (UTF-8) in one read and returns what the server flushed in answer. */
    String send(String text) {
        return send(bytes(text));
    }

    String send(byte[] bytes) {
        read(bytes);
        return output();
    }

    /** Sends each byte as its own read burst and returns everything flushed in answer. */
    String sendByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            read(new byte[] {b});
        }
        return output();
    }

    /** What the server flushed since the last call, as one string. */
    String output() {
        return String.join("", transport.takeFlushes());
    }

    /** The flushes since the last call, one string per flush. */
    List<String> flushes() {
        return transport.takeFlushes();
    }

    /** The client took the replies written so far: the session is told the connection is writable again. */
    void drain() {
        transport.drain();
        session.onWritabilityChanged(true);
        reportClose();
    }

    void idle() {
        session.onIdle();
        reportClose();
    }

    /** The server shuts down while the session is open. */
    void serverShutsDown() {
        session.shutdown();
        reportClose();
    }

    void advance(Duration duration) {
        transport.advance(duration);
        reportClose();
    }

    /** The client closes the connection. */
    void clientCloses() {
        session.onClosed();
        closeReported = true;
    }

    SessionRecord record() {
        return context.journal().session(session.id()).orElseThrow();
    }

    List<Violation.Type> violations() {
        return record().violations().stream().map(Violation::type).toList();
    }

    List<ReceivedMessage> messages() {
        return context.journal().messages();
    }

    ReceivedMessage onlyMessage() {
        List<ReceivedMessage> messages = messages();
        if (messages.size() != 1) {
            throw new AssertionError("expected one message but got " + messages);
        }
        return messages.get(0);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void reportClose() {
        if (transport.closed() && !closeReported) {
            closeReported = true;
            session.onClosed();
        }
    }
}
