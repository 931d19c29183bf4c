package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bearer token, unknown paths (404), wrong methods (405) and the request size limit (413). */
@Timeout(20)
class AdminAuthAndErrorsTest {

    private static final String TOKEN = "t0k3n-for-tests";
    private static final String UNAUTHORIZED =
            "{\"error\":\"This admin API needs the header 'Authorization: Bearer <token>' (see --admin-token)\"}";

    private static HttpResponse<String> getWithAuthorization(AdminFixture api, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .timeout(AdminFixture.REQUEST_TIMEOUT)
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request.build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/info",
                "/api/journal",
                "/api/messages",
                "/api/messages/1",
                "/api/messages/1?raw=true",
                "/api/messages/await?count=1&timeoutMs=0",
                "/api/sessions",
                "/api/sessions/await?ended=1&timeoutMs=0",
                "/api/rules",
                "/api/near-misses",
                "/api/scenarios",
                "/api/openapi.json",
                "/api/nope"
            })
    void with_a_token_every_endpoint_but_health_needs_it(String path) {
        try (AdminFixture api = AdminFixture.withToken(TOKEN)) {
            for (String wrong : Arrays.asList(
                    null, "", "Bearer", "Bearer ", "Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN)) {
                HttpResponse<String> response = getWithAuthorization(api, path, wrong);

                assertThat(response.statusCode()).as("%s with %s", path, wrong).isEqualTo(401);
                assertThat(response.body()).isEqualTo(UNAUTHORIZED);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"twofifty\"");
            }
        }
    }

    @Test
    void with_the_token_the_api_answers() {
        try (AdminFixture api = AdminFixture.withToken(TOKEN)) {
            assertThat(api.get("/api/messages").statusCode()).isEqualTo(200);
            assertThat(api.post("/api/rules", "{\"on\": \"NOOP\"}").statusCode())
                    .isEqualTo(201);
            assertThat(api.delete("/api/rules/r1").statusCode()).isEqualTo(200);
            assertThat(api.post("/api/reset", "").statusCode()).isEqualTo(200);
            // The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
            assertThat(getWithAuthorization(api, "/api/sessions", "bearer " + TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(getWithAuthorization(api, "/api/sessions", "Bearer " + TOKEN.toUpperCase())
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void health_needs_no_token() {
        try (AdminFixture api = AdminFixture.withToken(TOKEN)) {
            HttpResponse<String> response = getWithAuthorization(api, "/api/health", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void without_a_token_no_header_is_needed() {
        try (AdminFixture api = AdminFixture.start()) {
            assertThat(getWithAuthorization(api, "/api/messages", null).statusCode())
                    .isEqualTo(200);
            assertThat(getWithAuthorization(api, "/api/messages", "Bearer anything")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/nope                   | No such page: /nope",
                "/api                    | No such endpoint: /api",
                "/api/                   | No such endpoint: /api/",
                "/api/nope               | No such endpoint: /api/nope",
                "/api/health/x           | No such endpoint: /api/health/x",
                "/api/info/x             | No such endpoint: /api/info/x",
                "/api/journal/x          | No such endpoint: /api/journal/x",
                "/api/sessions/await/x   | No such endpoint: /api/sessions/await/x",
                "/api/sessions/1/x       | No such endpoint: /api/sessions/1/x",
                "/api/scenarios/x        | No such endpoint: /api/scenarios/x",
                "/api/scenarios/reset/x  | No such endpoint: /api/scenarios/reset/x",
                "/api/messages/await/x   | No message with id await",
                "/api/reset/x            | No such endpoint: /api/reset/x",
            })
    void unknown_paths_are_404_naming_the_path(String path, String message) {
        try (AdminFixture api = AdminFixture.start()) {
            HttpResponse<String> response = api.get(path);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(response).get("error").asText()).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "POST   | /api/health             | GET",
                "DELETE | /api/health             | GET",
                "POST   | /api/info               | GET",
                "DELETE | /api/journal            | GET",
                "PUT    | /api/messages           | GET, DELETE",
                "POST   | /api/messages           | GET, DELETE",
                "PATCH  | /api/messages           | GET, DELETE",
                "DELETE | /api/messages/await     | GET",
                "DELETE | /api/messages/1         | GET",
                "POST   | /api/messages/1/raw     | GET",
                "DELETE | /api/sessions           | GET",
                "DELETE | /api/sessions/1         | GET",
                "POST   | /api/sessions/await     | GET",
                "PUT    | /api/rules              | GET, POST, DELETE",
                "PUT    | /api/rules/r1           | GET, DELETE",
                "DELETE | /api/near-misses        | GET",
                "DELETE | /api/scenarios          | GET",
                "DELETE | /api/scenarios/reset    | POST",
                "PUT    | /api/reset              | POST",
                "POST   | /api/openapi.json       | GET",
            })
    void wrong_methods_are_405_with_the_allowed_ones(String method, String path, String allowed) {
        try (AdminFixture api = AdminFixture.start()) {
            api.post("/api/rules", "{\"on\": \"NOOP\"}");
            try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
                smtp.transaction(
                        "<a@example.com>",
                        List.of("<b@example.org>"),
                        "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                smtp.quit();
            }

            HttpResponse<String> response = api.method(method, path);

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue(allowed);
            assertThat(json(response).get("error").asText())
                    .isEqualTo("Method " + method + " not allowed here; use " + allowed);
        }
    }

    @Test
    void a_body_over_the_limit_is_413_and_one_under_it_is_read() {
        try (AdminFixture api = AdminFixture.start()) {
            byte[] tooLarge = new byte[AdminServer.MAX_REQUEST + 1];
            Arrays.fill(tooLarge, (byte) ' ');

            HttpResponse<String> rejected = api.send(api.request("/api/rules")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge))
                    .build());

            assertThat(rejected.statusCode()).isEqualTo(413);
            assertThat(api.smtp.rules()).isEmpty();

            String rule = "{\"on\": \"NOOP\"}";
            String padded = " ".repeat(AdminServer.MAX_REQUEST - rule.length()) + rule;
            HttpResponse<String> accepted = api.post("/api/rules", padded);

            assertThat(accepted.statusCode()).isEqualTo(201);
            assertThat(api.smtp.rules()).hasSize(1);
        }
    }
}
