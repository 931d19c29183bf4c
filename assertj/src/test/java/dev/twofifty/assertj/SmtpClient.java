package dev.twofifty.assertj;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP client on a raw socket: it sends exactly the lines it is given and reads replies,
 * every read bounded by a 5 second timeout.
 */
final class SmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting. */
    static SmtpClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            SmtpClient client = new SmtpClient(socket);
            client.reply();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one message in a session of its own, waiting for each reply, and ends with QUIT.
     *
     * @return the last line of the reply to the end of data
     */
    static String send(int port, String sender, List<String> recipients, String content) {
        try (SmtpClient client = connect(port)) {
            client.command("EHLO client.example");
            client.command("MAIL FROM:<" + sender + ">");
            for (String recipient : recipients) {
                client.command("RCPT TO:<" + recipient + ">");
            }
            client.command("DATA");
            String reply = client.command(content + ".");
            client.command("QUIT");
            return reply;
        }
    }

    /** Sends text as UTF-8, as it is. */
    SmtpClient sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a line with CRLF and returns the last line of the reply. */
    String command(String line) {
        sendRaw(line + "\r\n");
        return reply();
    }

    /** Reads one complete reply and returns its last line. */
    String reply() {
        String line;
        do {
            line = readLine();
        } while (line.length() >= 4 && line.charAt(3) == '-');
        return line;
    }

    private String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + line.toString(StandardCharsets.UTF_8));
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

    /** Upgrades the connection to TLS (after a 220 to STARTTLS), trusting the given context. */
    SmtpClient startTls(SSLContext context) {
        try {
            SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            return this;
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
