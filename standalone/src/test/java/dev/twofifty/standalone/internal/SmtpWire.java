package dev.twofifty.standalone.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP client on a raw socket for the admin API tests: it sends exactly the bytes it is
 * given and reads replies line by line, so tests see what the server really answered. Every read
 * has a timeout.
 */
final class SmtpWire implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpWire(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        use(new Socket(host, port));
    }

    /** Connects; the greeting is left to read. */
    static SmtpWire connect(String host, int port) {
        try {
            return new SmtpWire(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Reads one reply, all its lines; returns them without CRLF. */
    List<String> reply() {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** Reads one reply and returns its last line. */
    String replyLine() {
        List<String> lines = reply();
        return lines.get(lines.size() - 1);
    }

    /** Sends a command line (CRLF added) and returns the last line of its reply. */
    String command(String line) {
        send(line + "\r\n");
        return replyLine();
    }

    /** Sends text as it is, in US-ASCII (or UTF-8 where it is not ASCII). */
    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are. */
    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a whole transaction after the greeting and EHLO: MAIL, every RCPT, DATA, the content
     * dot-stuffed and the final dot. Returns the reply to the final dot.
     *
     * @param mailFrom the MAIL argument after {@code FROM:}, for example {@code <a@example.com> RET=HDRS}
     * @param rcptTo each RCPT argument after {@code TO:}
     * @param content the message as the server should store it (CRLF lines)
     */
    String transaction(String mailFrom, List<String> rcptTo, byte[] content) {
        expectCode(command("MAIL FROM:" + mailFrom), "250");
        for (String recipient : rcptTo) {
            expectCode(command("RCPT TO:" + recipient), "250");
        }
        expectCode(command("DATA"), "354");
        send(dotStuffed(content));
        send(".\r\n");
        return replyLine();
    }

    /** Reads the greeting, says EHLO and reads its reply. */
    SmtpWire ehlo(String name) {
        expectCode(replyLine(), "220");
        send("EHLO " + name + "\r\n");
        expectCode(replyLine(), "250");
        return this;
    }

    /** Upgrades the connection with STARTTLS, trusting the given context, and says EHLO again. */
    SmtpWire startTls(SSLContext context, String ehloName) {
        expectCode(command("STARTTLS"), "220");
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
            tls.startHandshake();
            use(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send("EHLO " + ehloName + "\r\n");
        expectCode(replyLine(), "250");
        return this;
    }

    /** The client's local port, which the server records as part of the remote address. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** The TLS protocol in use, after {@link #startTls}. */
    String tlsProtocol() {
        return ((SSLSocket) socket).getSession().getProtocol();
    }

    /** The TLS cipher suite in use, after {@link #startTls}. */
    String tlsCipherSuite() {
        return ((SSLSocket) socket).getSession().getCipherSuite();
    }

    /** Reads every byte until the server closes the connection. */
    byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says QUIT and reads the 221. */
    void quit() {
        expectCode(command("QUIT"), "221");
    }

    /** Content with every line that starts with a dot given one more, as RFC 5321 §4.5.2 asks. */
    static byte[] dotStuffed(byte[] content) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream(content.length + 16);
        boolean lineStart = true;
        for (byte b : content) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        return stuffed.toByteArray();
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new UncheckedIOException(new IOException("Connection closed; partial line: " + line));
    }

    private static void expectCode(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new IllegalStateException("Expected a " + code + " reply but got: " + reply);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
