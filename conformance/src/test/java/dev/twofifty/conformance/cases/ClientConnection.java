package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.MailRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One client connection for the oracle tests' hand-written clients: lines out, replies in, STARTTLS.
 * Like most clients it reads the socket through a buffer of its own; {@link #startTls} drops what is
 * left in it (as a careful client must), {@link #startTlsKeepingBuffer} keeps it (as a faulty one does).
 */
final class ClientConnection implements AutoCloseable {

    static final String NAME = "client.test";

    /** Something a test client does on a connection. */
    @FunctionalInterface
    interface Step {
        void run(ClientConnection wire) throws IOException;
    }

    private final Endpoint endpoint;
    private final Socket raw;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    private ClientConnection(Endpoint endpoint, Socket raw) throws IOException {
        this.endpoint = endpoint;
        this.raw = raw;
        use(raw);
    }

    /** A plaintext connection to the endpoint's SMTP port. */
    static ClientConnection connect(Endpoint endpoint) throws IOException {
        return connect(endpoint, endpoint.port());
    }

    /** A plaintext connection to this port of the endpoint's host. */
    static ClientConnection connect(Endpoint endpoint, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.host(), port), timeout(endpoint));
        socket.setSoTimeout(timeout(endpoint));
        return new ClientConnection(endpoint, socket);
    }

    /** An implicit-TLS connection to the endpoint's SMTPS port (RFC 8314), handshake done. */
    static ClientConnection connectImplicit(Endpoint endpoint) throws IOException {
        ClientConnection wire = connect(endpoint, endpoint.smtpsPort());
        return wire.handshake(true);
    }

    /** Closes the TCP connection under TLS, so no close_notify is sent. */
    void abort() throws IOException {
        raw.close();
    }

    private static int timeout(Endpoint endpoint) {
        return (int) endpoint.timeout().toMillis();
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        in = newSocket.getInputStream();
        out = newSocket.getOutputStream();
    }

    /** Reads one reply, all its lines; throws when the server closed first. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                throw new IOException("closed by the server after " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** The code of the next reply. */
    int code() throws IOException {
        return codeOf(reply());
    }

    static int codeOf(List<String> reply) {
        return Integer.parseInt(reply.get(reply.size() - 1).substring(0, 3));
    }

    /** Sends one line (CRLF added). */
    ClientConnection send(String line) throws IOException {
        return sendRaw(line + "\r\n");
    }

    /** Sends the text as it is, in one write. */
    ClientConnection sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends a line and reads its reply. */
    List<String> command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Sends a line and returns the code of its reply. */
    int commandCode(String line) throws IOException {
        return codeOf(command(line));
    }

    /** Sends EHLO with a proper name and returns the reply. */
    List<String> ehlo() throws IOException {
        return command("EHLO " + NAME);
    }

    /** Whether an EHLO reply lists this keyword (ignoring case, as RFC 5321 §4.1.1.1 requires). */
    static boolean lists(List<String> ehloReply, String keyword) {
        return ehloReply.stream()
                .skip(1)
                .map(line -> line.substring(4).split(" ")[0])
                .anyMatch(word -> word.equalsIgnoreCase(keyword));
    }

    /** STARTTLS's TLS handshake, after the 220: plaintext left in the buffer is dropped; the name is checked when asked. */
    ClientConnection startTls(boolean checkHostName) throws IOException {
        position = 0;
        limit = 0;
        return handshake(checkHostName);
    }

    /** The TLS handshake, but later reads first take what the plaintext buffer still holds (injected lines). */
    ClientConnection startTlsKeepingBuffer() throws IOException {
        return handshake(false);
    }

    private ClientConnection handshake(boolean checkHostName) throws IOException {
        SSLSocket tls = (SSLSocket)
                endpoint.trust().getSocketFactory().createSocket(socket, endpoint.host(), socket.getPort(), true);
        tls.setUseClientMode(true);
        if (checkHostName) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        use(tls);
        return this;
    }

    /** MAIL, RCPT for each recipient, DATA and the dot-stuffed message; returns the final code (or the refusal). */
    int transaction(MailRequest request, String mailParameters) throws IOException {
        int mail = commandCode("MAIL FROM:<" + request.from() + ">" + mailParameters);
        if (mail != 250) {
            return mail;
        }
        for (String recipient : request.to()) {
            int rcpt = commandCode("RCPT TO:<" + recipient + ">");
            if (rcpt != 250) {
                commandCode("RSET");
                return rcpt;
            }
        }
        int data = commandCode("DATA");
        if (data != 354) {
            return data;
        }
        String content = request.messageText().replace("\r\n.", "\r\n..");
        sendRaw((content.startsWith(".") ? "." : "") + content + ".\r\n");
        return code();
    }

    /** QUIT, its reply (if any), then close. */
    void quit() throws IOException {
        send("QUIT");
        try {
            reply();
        } catch (IOException closedAlready) {
            // The connection may close before the 221 is read; the QUIT was sent.
        }
        close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    return line.length() == 0 ? null : line.toString();
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        limit = read;
        return true;
    }
}
