package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.testing.RawSmtpClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw-socket steps shared by the robustness and zero-loss tests. */
final class RawSessions {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RawSessions() {}

    /** Connects, reads the greeting and says EHLO; returns the client ready for MAIL. */
    static RawSmtpClient greeted(String host, int port, String name) {
        RawSmtpClient client = RawSmtpClient.connect(host, port, TIMEOUT);
        assertThat(client.reply()).startsWith("220 ");
        client.send("EHLO " + name);
        assertThat(client.reply()).startsWith("250 ");
        return client;
    }

    /**
     * Sends one message with DATA, one command at a time, and returns the content the server must
     * record (the given content is sent dot-stuffed).
     */
    static byte[] sendWithData(RawSmtpClient client, String from, String to, String content) {
        assertThat(client.command("MAIL FROM:<" + from + ">")).startsWith("250 ");
        assertThat(client.command("RCPT TO:<" + to + ">")).startsWith("250 ");
        assertThat(client.command("DATA")).startsWith("354 ");
        byte[] canonical = Wire.canonical(Wire.utf8(content));
        client.sendRaw(Wire.dotStuffed(canonical));
        assertThat(client.command(".")).startsWith("250 2.0.0 OK: queued as ");
        return canonical;
    }

    /**
     * Reads reply lines from a stream until one starts with {@code last}; returns how many lines
     * started with {@code counted}. Reads through a buffer, for floods of replies.
     */
    static long countRepliesUntil(InputStream socketInput, String counted, String last) {
        InputStream in = new BufferedInputStream(socketInput, 1 << 16);
        byte[] prefix = counted.getBytes(StandardCharsets.US_ASCII);
        byte[] end = last.getBytes(StandardCharsets.US_ASCII);
        byte[] head = new byte[Math.max(prefix.length, end.length)];
        long count = 0;
        int column = 0;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new UncheckedIOException(new IOException("closed after " + count + " replies"));
                }
                if (b == '\n') {
                    if (startsWith(head, column, end)) {
                        return count;
                    }
                    if (startsWith(head, column, prefix)) {
                        count++;
                    }
                    column = 0;
                } else {
                    if (column < head.length) {
                        head[column] = (byte) b;
                    }
                    column++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
