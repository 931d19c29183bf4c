package dev.twofifty.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A raw-socket SMTP session for tests: it sends exactly the given lines and returns each reply
 * exactly as received, CRLFs included.
 */
final class Conversation implements AutoCloseable {

    private RawSmtpClient client;
    private final String greeting;

    private Conversation(RawSmtpClient client) {
        this.client = client;
        this.greeting = client.readRawReply();
    }

    /** Connects and reads the greeting. */
    static Conversation connect(FakeSmtpServer smtp) {
        return new Conversation(RawSmtpClient.connect(smtp.host(), smtp.port()));
    }

    /** Connects, reads the greeting and sends {@code EHLO client.example}. */
    static Conversation afterEhlo(FakeSmtpServer smtp) {
        Conversation conversation = connect(smtp);
        conversation.send("EHLO client.example");
        return conversation;
    }

    /** Connects, says EHLO and opens a transaction from this sender. */
    static Conversation inTransaction(FakeSmtpServer smtp, String sender) {
        Conversation conversation = afterEhlo(smtp);
        assertThat(conversation.send("MAIL FROM:<" + sender + ">")).startsWith("250 ");
        return conversation;
    }

    String greeting() {
        return greeting;
    }

    /** Sends a line (CRLF added) and returns the reply exactly as received. */
    String send(String line) {
        client.send(line);
        return client.readRawReply();
    }

    /** Sends bytes as they are and returns the reply exactly as received. */
    String sendRaw(String bytes) {
        client.sendRaw(bytes);
        return client.readRawReply();
    }

    /** Sends DATA, then the content and the final dot; returns the reply to the end of data. */
    String data(String content) {
        assertThat(send("DATA")).startsWith("354 ");
        return sendRaw(content + "\r\n.\r\n");
    }

    /** STARTTLS, the handshake (trusting the server's certificate) and a new EHLO. */
    String startTls(FakeSmtpServer smtp) {
        assertThat(send("STARTTLS")).startsWith("220 ");
        client = client.startTls(smtp.clientSslContext());
        return send("EHLO client.example");
    }

    /** AUTH PLAIN with an initial response; returns the reply. */
    String authPlain(String user, String password) {
        String response = "\u0000" + user + "\u0000" + password;
        return send("AUTH PLAIN " + Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8)));
    }

    RawSmtpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
