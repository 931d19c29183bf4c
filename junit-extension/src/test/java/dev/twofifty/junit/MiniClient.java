package dev.twofifty.junit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny SMTP client for the extension's tests: one message per connection, every read bounded. */
final class MiniClient {

    private MiniClient() {}

    /** Sends a message and returns the last reply line of each step. */
    static List<String> send(String host, int port, String from, String to, String body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            List<String> replies = new ArrayList<>();
            replies.add(reply(in));
            for (String line : List.of("EHLO test.example", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">")) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                replies.add(reply(in));
                if (replies.get(replies.size() - 1).startsWith("421")) {
                    return replies;
                }
            }
            out.write("DATA\r\n".getBytes(StandardCharsets.UTF_8));
            String dataReply = reply(in);
            replies.add(dataReply);
            if (dataReply.startsWith("354")) {
                out.write(("Subject: test\r\n\r\n" + body + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
                replies.add(reply(in));
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
            replies.add(reply(in));
            return replies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, reads the greeting, sends one raw line and closes without QUIT. */
    static String greetingThenRaw(String host, int port, String raw) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String greeting = in.readLine();
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            in.readLine();
            return greeting;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
