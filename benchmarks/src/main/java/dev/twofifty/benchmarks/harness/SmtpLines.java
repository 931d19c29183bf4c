package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The few raw SMTP exchanges the harness makes itself: read a reply, send a command. */
final class SmtpLines {

    private SmtpLines() {}

    /** Reads one reply, all its lines, and returns its last line without the CRLF. */
    static String readReply(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            // "250-..." continues a multi-line reply; "250 ..." (or a bare code) ends it.
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        throw new IOException("connection closed after '" + line + "'");
    }

    /** Sends one command line and returns the last line of the reply. */
    static String command(Socket socket, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readReply(socket.getInputStream());
    }

    /** Sends QUIT, expects {@code 221}, and reads until the server closes. */
    static void quit(Socket socket) throws IOException {
        String reply = command(socket, "QUIT");
        if (!reply.startsWith("221")) {
            throw new IOException("QUIT answered with '" + reply + "'");
        }
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // Anything after 221 is ignored; the server closing is what is awaited.
        }
    }
}
