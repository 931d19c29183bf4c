package dev.twofifty.samples.overhttp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bare SMTP client that talks the protocol line by line, as a short script in any language does (it
 * plays Python's {@code smtplib.sendmail} here): EHLO, MAIL, RCPT, DATA, QUIT, and an exception for the
 * first refusal.
 */
final class LineSmtpClient {

    /** The server refused a command; {@code code} is its reply code. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(String command, String reply) {
            super(command + " -> " + reply);
            this.code = Integer.parseInt(reply.substring(0, 3));
        }
    }

    private LineSmtpClient() {}

    /** Sends one message and returns the reply to its end of data (for example {@code 250 2.0.0 OK: queued as 1}). */
    static String sendmail(String host, int port, String from, List<String> to, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(5_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, out, null, "220");
            expect(in, out, "EHLO client.example", "250");
            expect(in, out, "MAIL FROM:<" + from + ">", "250");
            for (String recipient : to) {
                expect(in, out, "RCPT TO:<" + recipient + ">", "250");
            }
            expect(in, out, "DATA", "354");
            StringBuilder content = new StringBuilder();
            for (String line : message.split("\r\n", -1)) {
                content.append(line.startsWith(".") ? "." + line : line).append("\r\n"); // dot-stuffing
            }
            String reply = expect(in, out, content + ".", "250");
            expect(in, out, "QUIT", "221");
            return reply;
        }
    }

    /** Sends a command (or nothing) and reads the whole reply; its last line must start with the code. */
    private static String expect(BufferedReader in, OutputStream out, String command, String code) throws IOException {
        if (command != null) {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine(); // a multi-line reply: 250-..., 250-..., 250 ...
        }
        if (line == null) {
            throw new IOException("The server closed the connection after " + command);
        }
        if (!line.startsWith(code)) {
            if (!line.startsWith("421")) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            throw new Refused(String.valueOf(command), line);
        }
        return line;
    }
}
