package dev.twofifty.samples.overhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A test written the way a Python, Node or Go test suite uses TwoFifty: it starts the standalone jar,
 * scripts it over the admin API, lets its "application" (a plain SMTP client) send mail, and reads the
 * journal back over HTTP. Nothing here uses TwoFifty's Java API: only HTTP, JSON and a socket.
 *
 * <p>The same calls from a shell: see docs/admin-api.md, whose examples use curl.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneOverHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static StandaloneServer server;

    @BeforeAll
    static void start_the_jar() throws IOException {
        server = StandaloneServer.start("--quiet"); // one server for the suite, as a session fixture would
    }

    @AfterAll
    static void stop_the_jar() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void reset_the_server() throws Exception {
        assertThat(post("/api/reset", "").body()).isEqualTo("{\"reset\":true}");
    }

    @Test
    void the_server_says_where_it_listens() throws Exception {
        assertThat(json(get("/api/health")).path("status").asText()).isEqualTo("UP");
        JsonNode info = json(get("/api/info"));
        assertThat(info.path("smtpHost").asText()).isEqualTo("127.0.0.1");
        assertThat(info.path("smtpPort").asInt()).isEqualTo(server.smtpPort());
    }

    @Test
    void greylisting_is_scripted_and_the_retry_read_back() throws Exception {
        HttpResponse<String> added = post("/api/rules", """
                {"on": "RCPT", "reply": {"code": 451, "enhanced": "4.7.1", "text": ["Greylisted, try again later"]},
                 "times": 1, "scope": "RECIPIENT"}
                """);
        assertThat(added.statusCode()).isEqualTo(201);
        String message = "From: shop@example.com\r\nTo: ann@example.com\r\nSubject: Your order\r\n\r\nThank you!\r\n"
                + ".a line that starts with a dot";

        // The application's first attempt is greylisted; it tries again, as it should.
        LineSmtpClient.Refused greylisted = catchThrowableOfType(LineSmtpClient.Refused.class, () -> send(message));
        assertThat(greylisted.code).isEqualTo(451);
        assertThat(send(message)).isEqualTo("250 2.0.0 OK: queued as 1");

        JsonNode messages = json(get("/api/messages/await?count=1&timeoutMs=5000"));
        assertThat(messages).hasSize(1);
        JsonNode received = messages.get(0);
        assertThat(received.path("mailFrom").asText()).isEqualTo("shop@example.com");
        assertThat(received.path("recipients").toString()).isEqualTo("[\"ann@example.com\"]");
        assertThat(received.path("subject").asText()).isEqualTo("Your order");
        // The exact bytes, dot-stuffing undone.
        assertThat(get("/api/messages/1/raw").body()).isEqualTo(message + "\r\n");

        JsonNode sessions = json(get("/api/sessions/await?ended=2&timeoutMs=5000"));
        assertThat(sessions).hasSize(2);
        assertThat(serverLines(sessions.get(0))).contains("451 4.7.1 Greylisted, try again later");
        assertThat(sessions.get(1).path("transactions").get(0).path("outcome").asText())
                .isEqualTo("ACCEPTED");
        assertThat(json(get("/api/rules")).get(0).path("timesFired").asInt()).isEqualTo(1);
    }

    @Test
    void a_dropped_connection_shows_in_the_journal() throws Exception {
        post("/api/rules", "{\"on\": \"DATA\", \"fault\": {\"type\": \"CLOSE\", \"afterBytes\": 10}}");

        assertThatThrownBy(() -> send("Subject: cut short\r\n\r\nThis message never arrives whole."))
                .isInstanceOf(IOException.class);

        JsonNode sessions = json(get("/api/sessions/await?ended=1&timeoutMs=5000"));
        assertThat(sessions.get(0).path("endedBy").asText()).isEqualTo("FAULT");
        assertThat(sessions.get(0).path("transactions").get(0).path("outcome").asText())
                .isEqualTo("INTERRUPTED");
        assertThat(json(get("/api/messages"))).isEmpty();
    }

    @Test
    void a_wait_that_times_out_says_what_arrived() throws Exception {
        HttpResponse<String> response = get("/api/messages/await?count=1&timeoutMs=100");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(json(response).path("received").asInt()).isZero();
    }

    @Test
    void a_wrong_rule_is_refused_with_the_field_named() throws Exception {
        HttpResponse<String> response = post("/api/rules", "{\"on\": \"RCPT\", \"reply\": {\"code\": 700}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("reply.code: must be 200 to 599 but was 700");
        assertThat(json(get("/api/rules"))).isEmpty();
    }

    private static String send(String message) throws IOException {
        return LineSmtpClient.sendmail(
                server.smtpHost(), server.smtpPort(), "shop@example.com", List.of("ann@example.com"), message);
    }

    private static List<String> serverLines(JsonNode session) {
        return session.path("transcript").findParents("from").stream()
                .filter(entry -> entry.path("from").asText().equals("server"))
                .map(entry -> entry.path("line").asText())
                .toList();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String path) {
        URI uri = server.adminUri().resolve(path);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
