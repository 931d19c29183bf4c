package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /api/sessions}: the session fields, the transcript, TLS and AUTH (secrets masked), and lookups by id. */
@Timeout(20)
class AdminSessionsApiTest {

    private static final List<String> EHLO_REPLY = List.of(
            "server line 250-localhost Hello client.example",
            "server line 250-PIPELINING",
            "server line 250-SIZE 10240000",
            "server line 250-8BITMIME",
            "server line 250-SMTPUTF8",
            "server line 250-ENHANCEDSTATUSCODES",
            "server line 250-CHUNKING",
            "server line 250 DSN");

    private AdminFixture api;

    @AfterEach
    void stop() {
        api.close();
    }

    private void awaitEnded(int count) {
        api.smtp.journal().awaitEndedSessions(count, Duration.ofSeconds(5));
    }

    /** The transcript as "from kind line", after checking every entry's fields and that time runs forward. */
    private static List<String> transcript(JsonNode session) {
        List<String> lines = new ArrayList<>();
        long previous = 0;
        for (JsonNode entry : session.get("transcript")) {
            assertThat(entry.properties())
                    .extracting(Map.Entry::getKey)
                    .containsExactly("from", "kind", "line", "atMillis", "batch");
            assertThat(entry.get("from").asText()).isIn("client", "server");
            assertThat(entry.get("atMillis").isIntegralNumber()).isTrue();
            assertThat(entry.get("atMillis").asLong()).isGreaterThanOrEqualTo(previous);
            previous = entry.get("atMillis").asLong();
            lines.add(entry.get("from").asText() + " " + entry.get("kind").asText() + " "
                    + entry.get("line").asText());
        }
        return lines;
    }

    /** The session without the fields that depend on the clock: checked here, then removed. */
    private static ObjectNode withoutTimes(JsonNode session) {
        ObjectNode copy = session.deepCopy();
        Instant started = Instant.parse(copy.remove("startedAt").asText());
        JsonNode ended = copy.remove("endedAt");
        if (!ended.isNull()) {
            assertThat(Instant.parse(ended.asText())).isAfterOrEqualTo(started);
        }
        copy.remove("transcript");
        copy.withArray("violations").forEach(violation -> ((ObjectNode) violation).remove("atMillis"));
        return copy;
    }

    @Test
    void a_session_lists_its_fields_and_its_whole_transcript() {
        api = AdminFixture.start();
        String remoteAddress;
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            remoteAddress = "127.0.0.1:" + smtp.localPort();
            smtp.transaction(
                    "<ann@example.com> RET=FULL",
                    List.of("<bob@example.org> NOTIFY=DELAY"),
                    "Subject: s\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp.quit();
        }
        awaitEnded(1);

        HttpResponse<String> response = api.get("/api/sessions");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sessions = json(response);
        assertThat(sessions).hasSize(1);
        JsonNode session = sessions.get(0);
        List<String> expected = new ArrayList<>();
        expected.add("client event connected from " + remoteAddress);
        expected.add("server line 220 localhost ESMTP TwoFifty ready");
        expected.add("client line EHLO client.example");
        expected.addAll(EHLO_REPLY);
        expected.addAll(List.of(
                "client line MAIL FROM:<ann@example.com> RET=FULL",
                "server line 250 2.1.0 Sender <ann@example.com> OK",
                "client line RCPT TO:<bob@example.org> NOTIFY=DELAY",
                "server line 250 2.1.5 Recipient <bob@example.org> OK",
                "client line DATA",
                "server line 354 End data with <CR><LF>.<CR><LF>",
                "client content [message content: 18 octets]",
                "server line 250 2.0.0 OK: queued as 1",
                "client line QUIT",
                "server line 221 2.0.0 localhost Bye",
                "server event connection closed (QUIT)"));
        assertThat(transcript(session)).containsExactlyElementsOf(expected);
        assertThat(withoutTimes(session)).isEqualTo(json("""
                {"id": 1, "remoteAddress": "%s", "tls": null, "authenticatedAs": null, "ehlo": "client.example",
                 "droppedTranscriptEntries": 0, "violations": [],
                 "transactions": [{"index": 1, "outcome": "ACCEPTED",
                                   "envelope": {"mailFrom": "ann@example.com", "mailParameters": {"RET": "FULL"},
                                                "recipients": [{"address": "bob@example.org",
                                                                "parameters": {"NOTIFY": "DELAY"}}]},
                                   "finalReply": {"code": 250, "enhanced": "2.0.0", "text": ["OK: queued as 1"]},
                                   "messageId": 1, "contentSize": 18}],
                 "endedBy": "QUIT"}
                """.formatted(remoteAddress)));
    }

    @Test
    void one_session_by_id_is_the_same_object_as_in_the_list() {
        api = AdminFixture.start();
        for (int i = 0; i < 2; i++) {
            try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
                smtp.quit();
            }
        }
        awaitEnded(2);
        JsonNode list = json(api.get("/api/sessions"));

        HttpResponse<String> second = api.get("/api/sessions/2");

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second)).isEqualTo(list.get(1));
        assertThat(list.findValuesAsText("endedBy")).containsExactly("QUIT", "QUIT");
        assertThat(list.get(0).get("id").asLong()).isEqualTo(1);
        assertThat(list.get(1).get("id").asLong()).isEqualTo(2);
    }

    @Test
    void an_open_session_has_no_end_yet_and_a_client_close_is_recorded() {
        api = AdminFixture.start();
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            JsonNode open = json(api.get("/api/sessions/1"));

            assertThat(open.get("endedAt").isNull()).isTrue();
            assertThat(open.get("endedBy").isNull()).isTrue();
            assertThat(open.get("ehlo").asText()).isEqualTo("client.example");
        }
        awaitEnded(1);

        JsonNode closed = json(api.get("/api/sessions/1"));

        assertThat(closed.get("endedBy").asText()).isEqualTo("CLIENT_CLOSE");
        assertThat(closed.get("endedAt").isNull()).isFalse();
        assertThat(closed.get("violations").get(0).get("type").asText()).isEqualTo("CLOSED_WITHOUT_QUIT");
        assertThat(closed.get("violations").get(0).properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("type", "reference", "detail", "atMillis");
    }

    @Test
    void tls_and_auth_are_shown_and_the_secrets_never_appear() {
        api = AdminFixture.start(ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .credentials("ann", "s3cr3t-Pa55")
                .build());
        String plain = Base64.getEncoder().encodeToString("\0ann\0s3cr3t-Pa55".getBytes(StandardCharsets.UTF_8));
        String user = Base64.getEncoder().encodeToString("ann".getBytes(StandardCharsets.UTF_8));
        String password = Base64.getEncoder().encodeToString("s3cr3t-Pa55".getBytes(StandardCharsets.UTF_8));
        String protocol;
        String cipherSuite;
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.startTls(api.smtp.clientSslContext(), "client.example");
            protocol = smtp.tlsProtocol();
            cipherSuite = smtp.tlsCipherSuite();
            assertThat(smtp.command("AUTH PLAIN " + plain)).startsWith("235 ");
            smtp.quit();
        }
        try (SmtpWire smtp = api.smtpClient().ehlo("login.example")) {
            smtp.startTls(api.smtp.clientSslContext(), "login.example");
            assertThat(smtp.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(smtp.command(user)).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(smtp.command(password)).startsWith("235 ");
            smtp.quit();
        }
        awaitEnded(2);

        HttpResponse<String> response = api.get("/api/sessions");

        JsonNode sessions = json(response);
        assertThat(sessions.get(0).get("tls"))
                .isEqualTo(json("{\"protocol\": \"%s\", \"cipherSuite\": \"%s\", \"implicit\": false}"
                        .formatted(protocol, cipherSuite)));
        assertThat(sessions.findValuesAsText("authenticatedAs")).containsExactly("ann", "ann");
        assertThat(transcript(sessions.get(0))).contains("client line AUTH PLAIN ****");
        assertThat(transcript(sessions.get(1)))
                .containsSubsequence(
                        "client line AUTH LOGIN",
                        "server line 334 VXNlcm5hbWU6",
                        "client line ****",
                        "server line 334 UGFzc3dvcmQ6",
                        "client line ****",
                        "server line 235 2.7.0 Authentication successful");
        assertThat(response.body()).doesNotContain(plain, password, "s3cr3t-Pa55");
        assertThat(api.get("/api/sessions/2").body()).doesNotContain(plain, password, "s3cr3t-Pa55");
        assertThat(transcript(sessions.get(1)))
                .filteredOn(line -> line.startsWith("client "))
                .noneMatch(line -> line.contains(user));
    }

    @Test
    void unknown_session_ids_are_404() {
        api = AdminFixture.start();

        for (String id : List.of("1", "99")) {
            HttpResponse<String> response = api.get("/api/sessions/" + id);
            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"error\":\"No session with id " + id + " in the journal\"}");
        }
        HttpResponse<String> notANumber = api.get("/api/sessions/abc");
        assertThat(notANumber.statusCode()).isEqualTo(404);
        assertThat(notANumber.body()).isEqualTo("{\"error\":\"No session with id abc\"}");
        assertThat(api.get("/api/sessions").body()).isEqualTo("[]");
    }

    @Test
    void sessions_answer_get_only() {
        api = AdminFixture.start();

        for (String method : Set.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> response = api.method(method, "/api/sessions");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
    }
}
