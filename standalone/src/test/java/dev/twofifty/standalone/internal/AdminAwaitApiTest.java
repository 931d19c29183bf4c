package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/messages/await} and {@code GET /api/sessions/await}: answered from the journal as messages
 * arrive or sessions end, 408 on timeout, 400 for bad input.
 */
@Timeout(20)
class AdminAwaitApiTest {

    private AdminFixture api;

    @BeforeEach
    void start() {
        api = AdminFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void send(String subject) {
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(smtp.transaction(
                            "<ann@example.com>",
                            List.of("<bob@example.org>"),
                            ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("250 ");
            smtp.quit();
        }
    }

    private static List<String> subjects(JsonNode messages) {
        return messages.findValuesAsText("subject");
    }

    @Test
    void an_await_already_satisfied_answers_at_once_with_every_message() {
        send("one");
        send("two");

        HttpResponse<String> two = api.get("/api/messages/await?count=2&timeoutMs=5000");
        HttpResponse<String> one = api.get("/api/messages/await?count=1&timeoutMs=0");

        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(two)).isEqualTo(json(api.get("/api/messages")));
        assertThat(subjects(json(two))).containsExactly("one", "two");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(subjects(json(one))).containsExactly("one", "two");
    }

    @Test
    void an_await_completes_when_a_message_sent_after_the_request_arrives() throws Exception {
        send("before");
        CompletableFuture<HttpResponse<String>> pending =
                api.getAsync("/api/messages/await?count=2&timeoutMs=15000&raw=true");
        // Only the second message can complete it: a 408 would take 15 s, and nothing else answers it.
        assertThat(pending).isNotDone();

        send("after");
        HttpResponse<String> response = pending.get(15, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode messages = json(response);
        assertThat(subjects(messages)).containsExactly("before", "after");
        assertThat(messages.get(1).get("raw").asText())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString("Subject: after\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(json(response).get(0))
                .isEqualTo(json(api.get("/api/messages?raw=true")).get(0));
    }

    @Test
    void several_waiters_complete_on_the_message_each_needs() throws Exception {
        CompletableFuture<HttpResponse<String>> forOne = api.getAsync("/api/messages/await?count=1&timeoutMs=15000");
        CompletableFuture<HttpResponse<String>> forTwo = api.getAsync("/api/messages/await?count=2&timeoutMs=15000");

        send("first");
        HttpResponse<String> one = forOne.get(15, TimeUnit.SECONDS);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(subjects(json(one))).containsExactly("first");
        assertThat(forTwo).isNotDone();
        send("second");
        assertThat(subjects(json(forTwo.get(15, TimeUnit.SECONDS)))).containsExactly("first", "second");
    }

    @Test
    void a_timeout_is_408_describing_what_arrived() {
        send("only");
        String receivedAt = api.smtp.messages().get(0).receivedAt().toString();

        HttpResponse<String> response = api.get("/api/messages/await?count=2&timeoutMs=50");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(json(response)).isEqualTo(json("""
                {"error": "Timed out after 50 ms waiting for 2 messages; 1 arrived",
                 "received": 1,
                 "messages": [{"id": 1, "sessionId": 1, "transactionIndex": 1, "mailFrom": "ann@example.com",
                               "recipients": ["bob@example.org"], "size": 23, "subject": "only",
                               "receivedAt": "%s",
                               "envelope": {"mailFrom": "ann@example.com", "mailParameters": {},
                                            "recipients": [{"address": "bob@example.org", "parameters": {}}]}}]}
                """.formatted(receivedAt)));
    }

    @Test
    void a_timeout_with_nothing_arrived_says_so() {
        HttpResponse<String> response = api.get("/api/messages/await?count=1&timeoutMs=0");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"Timed out after 0 ms waiting for 1 message; 0 arrived\","
                        + "\"received\":0,\"messages\":[]}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                               | count: is required",
                "?timeoutMs=10                  | count: is required",
                "?count=0                       | count: must be 1 to 2147483647 but was 0",
                "?count=-3                      | count: must be 1 to 2147483647 but was -3",
                "?count=2147483648              | count: must be 1 to 2147483647 but was 2147483648",
                "?count=two                     | count: expected a whole number but was 'two'",
                "?count=1&timeoutMs=-1          | timeoutMs: must be 0 to 3600000 but was -1",
                "?count=1&timeoutMs=3600001     | timeoutMs: must be 0 to 3600000 but was 3600001",
                "?count=1&timeoutMs=5s          | timeoutMs: expected a whole number but was '5s'",
                "?count=1&timeoutMs=            | timeoutMs: expected a whole number but was ''",
            })
    void bad_parameters_are_400_naming_the_parameter(String query, String message) {
        HttpResponse<String> response = api.get("/api/messages/await" + (query == null ? "" : query));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo(message);
        assertThat(json(response).size()).isEqualTo(1);
    }

    @Test
    void await_answers_get_only() {
        HttpResponse<String> response = api.post("/api/messages/await?count=1", "");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    // ---- GET /api/sessions/await

    private void awaitEndedInProcess(int count) {
        api.smtp.journal().awaitEndedSessions(count, Duration.ofSeconds(5));
    }

    @Test
    void a_session_await_already_satisfied_answers_at_once_with_every_session() {
        send("one");
        send("two");
        awaitEndedInProcess(2);

        HttpResponse<String> response = api.get("/api/sessions/await?ended=2&timeoutMs=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(json(api.get("/api/sessions")));
        assertThat(json(response).findValuesAsText("endedBy")).containsExactly("QUIT", "QUIT");
        assertThat(json(api.get("/api/sessions/await?ended=1&timeoutMs=0"))).isEqualTo(json(response));
    }

    @Test
    void a_session_await_completes_when_a_session_ends_after_the_request_and_lists_the_open_ones_too()
            throws Exception {
        try (SmtpWire stays = api.smtpClient().ehlo("stays.example")) {
            CompletableFuture<HttpResponse<String>> pending;
            try (SmtpWire ends = api.smtpClient().ehlo("ends.example")) {
                pending = api.getAsync("/api/sessions/await?ended=1&timeoutMs=15000");
                // Only the QUIT below can complete it: a 408 would take 15 s, and nothing else answers it.
                assertThat(pending).isNotDone();

                ends.quit();
            }
            HttpResponse<String> response = pending.get(15, TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode sessions = json(response);
            assertThat(sessions.findValuesAsText("ehlo")).containsExactly("stays.example", "ends.example");
            assertThat(sessions.get(0).get("endedBy").isNull()).isTrue();
            assertThat(sessions.get(1).get("endedBy").asText()).isEqualTo("QUIT");
        }
    }

    @Test
    void a_session_timeout_is_408_with_how_many_ended_and_every_session_held() {
        try (SmtpWire open = api.smtpClient().ehlo("open.example")) {
            HttpResponse<String> response = api.get("/api/sessions/await?ended=1&timeoutMs=50");

            assertThat(response.statusCode()).isEqualTo(408);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            // The open session is idle: the list fetched now is the one the 408 carried.
            assertThat(json(response))
                    .isEqualTo(json("{\"error\": \"Timed out after 50 ms waiting for 1 session to end; 0 ended\","
                            + " \"ended\": 0, \"sessions\": "
                            + api.get("/api/sessions").body() + "}"));
            assertThat(json(response).get("sessions").get(0).get("ehlo").asText())
                    .isEqualTo("open.example");
        }
    }

    @Test
    void a_session_timeout_with_no_session_at_all_says_so() {
        HttpResponse<String> response = api.get("/api/sessions/await?ended=1&timeoutMs=0");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"Timed out after 0 ms waiting for 1 session to end; 0 ended\","
                        + "\"ended\":0,\"sessions\":[]}");
    }

    @Test
    void a_session_timeout_counts_the_evicted_sessions_as_ended() {
        api.close();
        api = AdminFixture.start(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withJournalCapacity(1))
                .build());
        send("one");
        send("two");
        awaitEndedInProcess(2);

        HttpResponse<String> response = api.get("/api/sessions/await?ended=3&timeoutMs=0");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(json(response))
                .isEqualTo(json("{\"error\": \"Timed out after 0 ms waiting for 3 sessions to end; 2 ended\","
                        + " \"ended\": 2, \"sessions\": "
                        + api.get("/api/sessions").body() + "}"));
        assertThat(json(response).get("sessions").findValuesAsText("id")).containsExactly("2");
    }

    @Test
    void clearing_the_journal_restarts_the_count_of_ended_sessions() {
        send("one");
        awaitEndedInProcess(1);
        assertThat(api.get("/api/sessions/await?ended=1&timeoutMs=0").statusCode())
                .isEqualTo(200);

        api.delete("/api/messages");

        HttpResponse<String> response = api.get("/api/sessions/await?ended=1&timeoutMs=0");
        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"Timed out after 0 ms waiting for 1 session to end; 0 ended\","
                        + "\"ended\":0,\"sessions\":[]}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                               | ended: is required",
                "?count=1                       | ended: is required",
                "?ended=0                       | ended: must be 1 to 2147483647 but was 0",
                "?ended=-3                      | ended: must be 1 to 2147483647 but was -3",
                "?ended=2147483648              | ended: must be 1 to 2147483647 but was 2147483648",
                "?ended=one                     | ended: expected a whole number but was 'one'",
                "?ended=1&timeoutMs=-1          | timeoutMs: must be 0 to 3600000 but was -1",
                "?ended=1&timeoutMs=3600001     | timeoutMs: must be 0 to 3600000 but was 3600001",
                "?ended=1&timeoutMs=5s          | timeoutMs: expected a whole number but was '5s'",
            })
    void bad_session_await_parameters_are_400_naming_the_parameter(String query, String message) {
        HttpResponse<String> response = api.get("/api/sessions/await" + (query == null ? "" : query));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"" + message + "\"}");
    }

    @Test
    void the_session_await_answers_get_only() {
        HttpResponse<String> response = api.post("/api/sessions/await?ended=1", "");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
