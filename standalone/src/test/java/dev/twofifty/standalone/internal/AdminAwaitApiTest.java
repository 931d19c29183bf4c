package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** {@code GET /api/messages/await}: answered from the journal as messages arrive, 408 on timeout, 400 for bad input. */
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
}
