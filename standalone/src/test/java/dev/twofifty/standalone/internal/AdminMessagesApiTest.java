package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.journal.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/health} and {@code /api/messages}: the list, one message (with {@code ?raw=true} its content in
 * base64), its raw bytes, and clearing.
 */
@Timeout(20)
class AdminMessagesApiTest {

    /** A MIME message with an encoded subject, a Cc, a text and an HTML alternative and an attachment. */
    static final String MIME = String.join(
            "\r\n",
            "From: Ann <ann@example.com>",
            "To: Bob <bob@example.org>",
            "Cc: dan@example.org",
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: multipart/alternative; boundary=\"b2\"",
            "",
            "--b2",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Gr=C3=BC=C3=9Fe",
            "--b2",
            "Content-Type: text/html; charset=UTF-8",
            "",
            "<p>Hi</p>",
            "--b2--",
            "--b1",
            "Content-Type: application/pdf; name=\"invoice.pdf\"",
            "Content-Disposition: attachment; filename=\"invoice.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjQK",
            "--b1--",
            "");

    private AdminFixture api;

    @BeforeEach
    void start() {
        api = AdminFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends two messages in one session: a plain one, then one from the null sender. */
    private void sendTwoMessages() {
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(smtp.transaction(
                            "<ann@example.com>",
                            List.of("<bob@example.org>", "<carol@example.net>"),
                            bytes("Subject: First\r\nTo: bob@example.org\r\n\r\nHello\r\n")))
                    .isEqualTo("250 2.0.0 OK: queued as 1");
            assertThat(smtp.transaction("<>", List.of("<bob@example.org>"), bytes("Subject: Bounce\r\n\r\nNo\r\n")))
                    .isEqualTo("250 2.0.0 OK: queued as 2");
            smtp.quit();
        }
    }

    private String receivedAt(long id) {
        return api.smtp.journal().message(id).orElseThrow().receivedAt().toString();
    }

    @Test
    void health_answers_up() {
        HttpResponse<String> response = api.get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void no_messages_is_an_empty_array() {
        HttpResponse<String> response = api.get("/api/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void messages_are_listed_oldest_first_with_the_contract_fields() {
        sendTwoMessages();

        HttpResponse<String> response = api.get("/api/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(json("""
                [{"id": 1, "sessionId": 1, "transactionIndex": 1, "mailFrom": "ann@example.com",
                  "recipients": ["bob@example.org", "carol@example.net"], "size": 46, "subject": "First",
                  "receivedAt": "%s",
                  "envelope": {"mailFrom": "ann@example.com", "mailParameters": {},
                               "recipients": [{"address": "bob@example.org", "parameters": {}},
                                              {"address": "carol@example.net", "parameters": {}}]}},
                 {"id": 2, "sessionId": 1, "transactionIndex": 2, "mailFrom": "",
                  "recipients": ["bob@example.org"], "size": 23, "subject": "Bounce",
                  "receivedAt": "%s",
                  "envelope": {"mailFrom": "", "mailParameters": {},
                               "recipients": [{"address": "bob@example.org", "parameters": {}}]}}]
                """.formatted(receivedAt(1), receivedAt(2))));
    }

    @Test
    void raw_true_adds_the_content_in_base64() {
        sendTwoMessages();

        HttpResponse<String> response = api.get("/api/messages?raw=true");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).findValuesAsText("raw"))
                .containsExactly(
                        Base64.getEncoder()
                                .encodeToString(bytes("Subject: First\r\nTo: bob@example.org\r\n\r\nHello\r\n")),
                        Base64.getEncoder().encodeToString(bytes("Subject: Bounce\r\n\r\nNo\r\n")));
        assertThat(json(api.get("/api/messages?raw=false")).get(0).has("raw")).isFalse();
        assertThat(json(api.get("/api/messages")).get(0).has("raw")).isFalse();
    }

    @Test
    void one_message_adds_headers_dsn_parameters_and_the_mime_view() {
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.transaction(
                    "<ann@example.com> RET=HDRS ENVID=QQ314159",
                    List.of(
                            "<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org",
                            "<carol@example.net> NOTIFY=NEVER"),
                    bytes(MIME));
            smtp.quit();
        }
        ReceivedMessage received = api.smtp.messages().get(0);

        HttpResponse<String> response = api.get("/api/messages/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(json("""
                {"id": 1, "sessionId": 1, "transactionIndex": 1, "mailFrom": "ann@example.com",
                 "recipients": ["bob@example.org", "carol@example.net"], "size": %d, "subject": "Grüße",
                 "receivedAt": "%s",
                 "envelope": {"mailFrom": "ann@example.com",
                              "mailParameters": {"RET": "HDRS", "ENVID": "QQ314159"},
                              "recipients": [
                                {"address": "bob@example.org",
                                 "parameters": {"NOTIFY": "SUCCESS,FAILURE", "ORCPT": "rfc822;bob@example.org"}},
                                {"address": "carol@example.net", "parameters": {"NOTIFY": "NEVER"}}]},
                 "headers": [{"name": "From", "value": "Ann <ann@example.com>"},
                             {"name": "To", "value": "Bob <bob@example.org>"},
                             {"name": "Cc", "value": "dan@example.org"},
                             {"name": "Subject", "value": "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="},
                             {"name": "MIME-Version", "value": "1.0"},
                             {"name": "Content-Type", "value": "multipart/mixed; boundary=\\"b1\\""}],
                 "from": ["Ann <ann@example.com>"], "to": ["Bob <bob@example.org>"], "cc": ["dan@example.org"],
                 "blindRecipients": ["carol@example.net"],
                 "contentType": "multipart/mixed", "charset": "UTF-8", "transferEncoding": "quoted-printable",
                 "textBody": "Grüße", "htmlBody": "<p>Hi</p>",
                 "attachments": [{"fileName": "invoice.pdf", "contentType": "application/pdf",
                                  "disposition": "attachment", "size": 9}]}
                """.formatted(received.size(), received.receivedAt())));
        assertThat(received.size()).isEqualTo(bytes(MIME).length);
    }

    @Test
    void one_message_with_raw_true_adds_its_content_in_base64() {
        sendTwoMessages();
        JsonNode detail = json(api.get("/api/messages/2"));

        HttpResponse<String> response = api.get("/api/messages/2?raw=true");

        assertThat(response.statusCode()).isEqualTo(200);
        ObjectNode expected = detail.deepCopy();
        expected.put("raw", Base64.getEncoder().encodeToString(bytes("Subject: Bounce\r\n\r\nNo\r\n")));
        assertThat(json(response)).isEqualTo(expected);
        assertThat(json(response).get("raw"))
                .isEqualTo(json(api.get("/api/messages?raw=true")).get(1).get("raw"));
        assertThat(json(api.get("/api/messages/2?raw=false"))).isEqualTo(detail);
        assertThat(detail.has("raw")).isFalse();
        assertThat(api.get("/api/messages/3?raw=true").statusCode()).isEqualTo(404);
    }

    @Test
    void raw_gives_the_exact_bytes_after_dot_unstuffing() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(bytes("Subject: dots\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"));
        content.writeBytes(bytes(".\r\n")); // a line that is only a dot: stuffed to "..", must come back as "."
        content.writeBytes(bytes("..two dots\r\n"));
        content.writeBytes(bytes(".hidden\r\n"));
        content.writeBytes(bytes(" . not at the start\r\n"));
        content.writeBytes(bytes("8-bit: Grüße \u00e9\r\n"));
        content.writeBytes(bytes("trailing spaces   \r\n"));
        byte[] expected = content.toByteArray();
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(SmtpWire.dotStuffed(expected)).isNotEqualTo(expected);
            smtp.transaction("<ann@example.com> BODY=8BITMIME", List.of("<bob@example.org>"), expected);
            smtp.quit();
        }

        HttpResponse<byte[]> response = api.getBytes("/api/messages/1/raw");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(expected.length);
    }

    @Test
    void delete_clears_the_messages() {
        sendTwoMessages();

        HttpResponse<String> deleted = api.delete("/api/messages");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":true}");
        assertThat(api.get("/api/messages").body()).isEqualTo("[]");
        assertThat(api.get("/api/messages/1").statusCode()).isEqualTo(404);
        assertThat(api.smtp.journal().messageCount()).isZero();
    }

    @Test
    void unknown_message_ids_are_404_naming_the_id() {
        sendTwoMessages();

        for (String path : List.of("/api/messages/3", "/api/messages/3/raw", "/api/messages/0")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body())
                    .as(path)
                    .isEqualTo("{\"error\":\"No message with id " + path.split("/")[3] + " in the journal\"}");
        }
        HttpResponse<String> notANumber = api.get("/api/messages/first");
        assertThat(notANumber.statusCode()).isEqualTo(404);
        assertThat(notANumber.body()).isEqualTo("{\"error\":\"No message with id first\"}");
    }
}
