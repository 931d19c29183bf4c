package dev.twofifty.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP client on a raw socket for tests that assert exact bytes: it sends exactly what it
 * is given and reads replies line by line, every read bounded by a timeout.
 */
public final class RawSmtpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects with a 5 second connect and read timeout. */
    public static RawSmtpClient connect(String host, int port) {
        return connect(host, port, Duration.ofSeconds(5));
    }

    public static RawSmtpClient connect(String host, int port, Duration timeout) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new RawSmtpClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    /** Sends bytes as they are. */
    public RawSmtpClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as UTF-8, as it is (no line ending added). */
    public RawSmtpClient sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a line with CRLF. */
    public RawSmtpClient send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Reads one reply line, without its CRLF; {@code null} at end of stream. */
    public String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n' && previous == '\r') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one complete (possibly multi-line) reply and returns its lines. */
    public List<String> readReply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new UncheckedIOException(new IOException("connection closed after " + lines));
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** Reads one reply and returns its last line. */
    public String reply() {
        List<String> lines = readReply();
        return lines.get(lines.size() - 1);
    }

    /** Sends a line and returns the last line of the reply. */
    public String command(String line) {
        send(line);
        return reply();
    }

    /** Reads everything until the server closes the connection (bounded by the read timeout). */
    public byte[] readUntilClosed() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection: the next read sees end of stream (or a reset). */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether nothing arrives within the given time. */
    public boolean isSilentFor(Duration duration) {
        try {
            socket.setSoTimeout((int) duration.toMillis());
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected silence but received byte " + b);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The socket's input stream, for tests that read bytes themselves. */
    public InputStream input() {
        return in;
    }

    /** The socket's output stream, for tests that write bytes themselves. */
    public OutputStream output() {
        return out;
    }

    /** Reads one byte; -1 at end of stream. A reset connection throws. */
    public int readByte() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one complete (possibly multi-line) reply exactly as sent, every CRLF included, for
     * example {@code "250-a\r\n250 b\r\n"}.
     *
     * @throws UncheckedIOException when the connection ends before the reply is complete
     */
    public String readRawReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    reply.write(line.toByteArray());
                    throw new UncheckedIOException(new IOException(
                            "connection closed after \"" + reply.toString(StandardCharsets.UTF_8) + "\""));
                }
                line.write(b);
                byte[] bytes = line.toByteArray();
                if (b == '\n' && bytes.length >= 2 && bytes[bytes.length - 2] == '\r') {
                    reply.write(bytes);
                    line.reset();
                    if (bytes.length < 5 || bytes[3] != '-') {
                        return reply.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts TLS on this connection (after the server's {@code 220} to STARTTLS) and returns a client
     * that talks over it; the handshake is done before this returns.
     *
     * @throws UncheckedIOException when the handshake fails (its cause is the {@code SSLException})
     */
    public RawSmtpClient startTls(SSLContext context) {
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            return new RawSmtpClient(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
