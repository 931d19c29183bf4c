package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /api/scenarios}, {@code /api/scenarios/reset} and {@code /api/reset}. */
@Timeout(20)
class AdminScenariosAndResetTest {

    /** "Fail the first attempt, then accept": a server-wide scenario. */
    private static final String RETRY = """
            [{"on": "MESSAGE", "scenario": "retry", "whenState": "Started", "setState": "failed-once",
              "reply": {"code": 451, "enhanced": "4.3.0", "text": "Try again later"}}]""";

    private static final byte[] CONTENT = "Subject: retry\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

    private AdminFixture api;

    @BeforeEach
    void start() {
        api = AdminFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String sendOnce(String from) {
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            String reply = smtp.transaction(from, List.of("<bob@example.org>"), CONTENT);
            smtp.quit();
            return reply;
        }
    }

    @Test
    void scenario_states_move_as_rules_fire_and_reset_to_started() {
        assertThat(api.get("/api/scenarios").body()).isEqualTo("{}");
        assertThat(api.post("/api/rules", RETRY).statusCode()).isEqualTo(201);
        assertThat(api.get("/api/scenarios").body()).isEqualTo("{\"retry\":\"Started\"}");

        assertThat(sendOnce("<ann@example.com>")).isEqualTo("451 4.3.0 Try again later");
        assertThat(api.get("/api/scenarios").body()).isEqualTo("{\"retry\":\"failed-once\"}");
        assertThat(sendOnce("<ann@example.com>")).isEqualTo("250 2.0.0 OK: queued as 1");
        assertThat(json(api.get("/api/rules/r1")).get("timesFired").asInt()).isEqualTo(1);

        HttpResponse<String> reset = api.post("/api/scenarios/reset", "");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{\"reset\":true}");
        assertThat(api.get("/api/scenarios").body()).isEqualTo("{\"retry\":\"Started\"}");
        assertThat(json(api.get("/api/messages"))).hasSize(1);
        assertThat(sendOnce("<ann@example.com>")).isEqualTo("451 4.3.0 Try again later");
        // timesFired counts every firing since the rule was added; the reset does not take it back.
        assertThat(json(api.get("/api/rules/r1")).get("timesFired").asInt()).isEqualTo(2);
    }

    @Test
    void scenarios_kept_per_sender_are_listed_by_name_and_key() {
        api.post("/api/rules", RETRY.replace("\"scenario\"", "\"scope\": \"SENDER\", \"scenario\""));

        sendOnce("<ann@example.com>");
        sendOnce("<bob@example.com>");
        sendOnce("<bob@example.com>");

        assertThat(json(api.get("/api/scenarios")))
                .isEqualTo(json("{\"retry [ann@example.com]\": \"failed-once\","
                        + " \"retry [bob@example.com]\": \"failed-once\"}"));
    }

    @Test
    void reset_clears_rules_journal_near_misses_and_scenario_state() {
        api.post("/api/rules", RETRY);
        api.post("/api/rules", "{\"on\": \"RCPT\", \"match\": {\"domain\": \"blocked.example\"}}");
        sendOnce("<ann@example.com>");
        sendOnce("<ann@example.com>");
        api.smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(5));
        assertThat(json(api.get("/api/near-misses"))).isNotEmpty();

        HttpResponse<String> reset = api.post("/api/reset", "");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{\"reset\":true}");
        assertThat(api.get("/api/rules").body()).isEqualTo("[]");
        assertThat(api.get("/api/messages").body()).isEqualTo("[]");
        assertThat(api.get("/api/sessions").body()).isEqualTo("[]");
        assertThat(api.get("/api/near-misses").body()).isEqualTo("[]");
        assertThat(api.get("/api/scenarios").body()).isEqualTo("{}");
        assertThat(api.get("/api/messages/await?count=1&timeoutMs=0").statusCode())
                .isEqualTo(408);
        assertThat(sendOnce("<ann@example.com>")).startsWith("250 2.0.0 OK: queued as ");
        assertThat(json(api.get("/api/messages"))).hasSize(1);
    }

    @Test
    void reset_endpoints_answer_post_only() {
        for (String path : List.of("/api/reset", "/api/scenarios/reset")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue("POST");
            assertThat(response.body()).isEqualTo("{\"error\":\"Method GET not allowed here; use POST\"}");
        }
        HttpResponse<String> scenarios = api.post("/api/scenarios", "");
        assertThat(scenarios.statusCode()).isEqualTo(405);
        assertThat(scenarios.headers().firstValue("Allow")).hasValue("GET");
        assertThat(api.get("/api/scenarios/other").statusCode()).isEqualTo(404);
    }
}
