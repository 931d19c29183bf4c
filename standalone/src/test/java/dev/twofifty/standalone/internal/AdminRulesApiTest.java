package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.script.Trigger;
import dev.twofifty.standalone.RuleJson;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/rules} and {@code /api/near-misses}: adding, listing, removing, and rules that really script SMTP. */
@Timeout(20)
class AdminRulesApiTest {

    private static final String BLOCKED = """
            {"on": "RCPT", "match": {"domain": "blocked.example"},
             "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]}}""";
    private static final String BLOCKED_DESCRIPTION =
            "on RCPT where domain is \"blocked.example\" → reply 550 5.1.1 No such user";

    private AdminFixture api;

    @BeforeEach
    void start() {
        api = AdminFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String description(String ruleJson) {
        return RuleJson.parse(ruleJson).get(0).describe();
    }

    @Test
    void posting_one_rule_answers_201_with_the_rule_and_its_id() {
        HttpResponse<String> response = api.post("/api/rules", BLOCKED);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode expected = json("""
                {"id": "r1", "timesFired": 0, "on": "RCPT", "match": {"domain": "blocked.example"},
                 "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]},
                 "description": "%s", "nearMisses": []}
                """.formatted(BLOCKED_DESCRIPTION.replace("\"", "\\\"")));
        assertThat(json(response)).isEqualTo(json("[" + expected + "]"));
        assertThat(json(api.get("/api/rules"))).isEqualTo(json("[" + expected + "]"));
        HttpResponse<String> one = api.get("/api/rules/r1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one)).isEqualTo(expected);
    }

    @Test
    void posting_an_array_adds_every_rule_in_order_with_ids() {
        String first = """
                {"on": "RCPT", "match": {"argument": "(?i).*@blocked\\\\.example.*"},
                 "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]},
                 "times": 2, "delayMs": 0, "priority": 5}""";
        String second = "{\"on\": \"MAIL\", \"fault\": {\"type\": \"CLOSE\"}}";

        HttpResponse<String> response = api.post("/api/rules", "[" + first + ", " + second + "]");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode r1 = json("""
                {"id": "r1", "timesFired": 0, "on": "RCPT", "match": {"argument": "(?i).*@blocked\\\\.example.*"},
                 "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]}, "times": 2,
                 "description": %s, "nearMisses": []}
                """.formatted(AdminFixture.MAPPER.valueToTree(description(first))));
        JsonNode r2 = json("""
                {"id": "r2", "timesFired": 0, "on": "MAIL", "fault": {"type": "CLOSE"},
                 "description": %s, "nearMisses": []}
                """.formatted(AdminFixture.MAPPER.valueToTree(description(second))));
        assertThat(json(response)).containsExactly(r1, r2);
        // Listed in the order they are considered: same priority, so the most recently added first.
        assertThat(json(api.get("/api/rules"))).containsExactly(r2, r1);
    }

    @Test
    void a_posted_rule_changes_the_smtp_replies_and_shows_firings_and_near_misses() {
        api.post("/api/rules", BLOCKED);

        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(smtp.command("MAIL FROM:<ann@example.com>")).isEqualTo("250 2.1.0 Sender <ann@example.com> OK");
            assertThat(smtp.command("RCPT TO:<bob@example.org>")).isEqualTo("250 2.1.5 Recipient <bob@example.org> OK");
            assertThat(smtp.command("RCPT TO:<x@blocked.example>")).isEqualTo("550 5.1.1 No such user");
            smtp.quit();
        }

        JsonNode nearMiss = json("""
                {"ruleId": "r1", "rule": %s, "sessionId": 1, "step": "RCPT TO:<bob@example.org> (session 1)",
                 "distance": 1.0,
                 "mismatches": [{"field": "domain", "expected": "\\"blocked.example\\"",
                                 "actual": "<bob@example.org>"}]}
                """.formatted(AdminFixture.MAPPER.valueToTree(BLOCKED_DESCRIPTION)));
        JsonNode rule = json(api.get("/api/rules/r1"));
        assertThat(rule.get("timesFired").asInt()).isEqualTo(1);
        assertThat(rule.get("nearMisses")).containsExactly(nearMiss);
        HttpResponse<String> misses = api.get("/api/near-misses");
        assertThat(misses.statusCode()).isEqualTo(200);
        assertThat(json(misses)).containsExactly(nearMiss);
    }

    @Test
    void a_posted_fault_closes_the_connection() {
        api.post("/api/rules", "{\"on\": \"MAIL\", \"fault\": {\"type\": \"CLOSE\"}}");

        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.send("MAIL FROM:<ann@example.com>\r\n");
            assertThatThrownBy(smtp::replyLine)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Connection closed");
        }
        api.smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));

        assertThat(json(api.get("/api/sessions/1")).get("endedBy").asText()).isEqualTo("FAULT");
        assertThat(json(api.get("/api/rules/r1")).get("timesFired").asInt()).isEqualTo(1);
    }

    @Test
    void a_posted_garbage_fault_sends_exactly_those_octets() {
        api.post(
                "/api/rules",
                "{\"on\": \"MAIL\", \"fault\": {\"type\": \"GARBAGE_THEN_CLOSE\", \"garbage\": \"\\u00ff\\u0000x\\r\\n\"}}");

        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.send("MAIL FROM:<ann@example.com>\r\n");

            assertThat(smtp.readToEnd()).containsExactly(0xFF, 0x00, 'x', '\r', '\n');
        }
        assertThat(json(api.get("/api/rules/r1")).at("/fault/garbage").asText()).isEqualTo("\u00ff\u0000x\r\n");
    }

    @Test
    void a_posted_sequence_replies_in_order_then_falls_through() {
        api.post("/api/rules", """
                {"on": "MESSAGE", "reply": {"code": 451, "enhanced": "4.3.0", "text": "Try later"},
                 "then": [{"reply": {"code": 452, "enhanced": "4.3.1", "text": "Full"}}]}""");
        byte[] content = "Subject: retry\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(smtp.transaction("<a@example.com>", List.of("<b@example.org>"), content))
                    .isEqualTo("451 4.3.0 Try later");
            assertThat(smtp.transaction("<a@example.com>", List.of("<b@example.org>"), content))
                    .isEqualTo("452 4.3.1 Full");
            assertThat(smtp.transaction("<a@example.com>", List.of("<b@example.org>"), content))
                    .isEqualTo("250 2.0.0 OK: queued as 1");
            smtp.quit();
        }

        assertThat(json(api.get("/api/rules/r1")).get("timesFired").asInt()).isEqualTo(2);
        assertThat(json(api.get("/api/messages"))).hasSize(1);
    }

    @Test
    void one_invalid_rule_in_an_array_adds_none_and_names_the_field() {
        HttpResponse<String> response =
                api.post("/api/rules", "[" + BLOCKED + ", {\"on\": \"MAIL\", \"reply\": {\"code\": 700}}]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"rule 2: [1].reply.code: must be 200 to 599 but was 700\"}");
        assertThat(api.get("/api/rules").body()).isEqualTo("[]");
        assertThat(api.smtp.rules()).isEmpty();
    }

    static Stream<Arguments> invalidRules() {
        String triggers = Arrays.stream(Trigger.values()).map(Enum::name).collect(Collectors.joining(", "));
        return Stream.of(
                Arguments.of("{\"on\": \"SEND\"}", "on: unknown value 'SEND'; one of " + triggers),
                Arguments.of("{\"reply\": {\"code\": 250}}", "on: is required"),
                Arguments.of(
                        "{\"on\": \"RCPT\", \"reply\": {\"code\": 550, \"enhanced\": \"4.1.1\"}}",
                        "reply.enhanced: class 4 does not match reply code 550 (RFC 3463 §2)"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"capabilities\": {\"remove\": [\"PIPELINING\"]}}",
                        "capabilities: applies to EHLO only, not MAIL"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"then\": [{\"capabilities\": {\"add\": [\"XFOO\"]}}]}",
                        "then[0].capabilities: applies to EHLO only, not MAIL"),
                Arguments.of(
                        "{\"on\": \"RCPT\", \"fault\": {\"type\": \"CLOSE\", \"afterBytes\": 10}}",
                        "fault.afterBytes: applies to DATA or BDAT only, not RCPT"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"fault\": {\"type\": \"TLS_HANDSHAKE_FAILURE\"}}",
                        "fault.type: TLS_HANDSHAKE_FAILURE applies to STARTTLS only, not MAIL"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"fault\": {\"type\": \"GARBAGE_THEN_CLOSE\", \"garbage\": \"\"}}",
                        "fault.garbage: must not be empty"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"fault\": {\"type\": \"CLOSE\"}, \"reply\": {\"code\": 250}}",
                        "fault: the fault CLOSE sends no reply, so \"reply\" would never be sent; use REPLY_THEN_CLOSE"),
                Arguments.of(
                        "{\"on\": \"MAIL\", \"fault\": {\"type\": \"GARBAGE_THEN_CLOSE\", \"garbage\": \"ab\u20ac\"}}",
                        "fault.garbage: each character is one octet, \\u0000 to \\u00ff, but character 2 is \\u20ac"),
                Arguments.of("", "no rules: expected a rule object or an array of rules"),
                Arguments.of("42", "expected a rule object or an array of rules but found VALUE_NUMBER_INT"));
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void an_invalid_rule_is_400_with_a_message_naming_the_field(String body, String message) {
        HttpResponse<String> response = api.post("/api/rules", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response))
                .isEqualTo(AdminFixture.MAPPER.createObjectNode().put("error", message));
        assertThat(api.smtp.rules()).isEmpty();
    }

    @Test
    void broken_json_is_400() {
        HttpResponse<String> response = api.post("/api/rules", "{\"on\": \"MAIL\",,}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("line 1, column 15: not valid JSON: Unexpected character (',' (code 44)): was expecting"
                        + " double-quote to start field name");
    }

    @Test
    void a_scenario_kept_per_two_scopes_adds_none_and_names_the_rule_and_field() {
        api.post("/api/rules", "{\"on\": \"MAIL\", \"scenario\": \"s\", \"reply\": {\"code\": 250}}");

        HttpResponse<String> response = api.post("/api/rules", """
                [{"on": "RCPT", "reply": {"code": 250}},
                 {"on": "DATA", "scenario": "s", "scope": "SESSION", "reply": {"code": 354}}]""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("rule 2: [1].scope: Scenario \"s\" is kept per SERVER by rule r1, but this rule keeps it"
                        + " per SESSION; give all rules of a scenario the same scope");
        assertThat(json(api.get("/api/rules")).findValuesAsText("on")).containsExactly("MAIL");

        HttpResponse<String> single =
                api.post("/api/rules", "{\"on\": \"DATA\", \"scenario\": \"s\", \"scope\": \"SENDER\"}");
        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(json(single).get("error").asText()).startsWith("scope: Scenario \"s\" is kept per SERVER");
    }

    @Test
    void what_get_answers_can_be_posted_back() {
        api.post("/api/rules", """
                [{"name": "slow greeting", "on": "CONNECT", "delay": {"uniform": {"minMs": 1, "maxMs": 2, "seed": 7}}},
                 {"on": "EHLO", "capabilities": {"remove": ["CHUNKING"], "add": ["XFOO"]}, "priority": 1},
                 {"on": "RCPT", "match": {"anyOf": [{"domain": "a.example"}, {"not": {"recipient": "b@b.example"}}]},
                  "reply": {"code": 451, "enhanced": "4.2.0", "text": ["Busy", "Later"]}, "times": 1,
                  "scope": "RECIPIENT"},
                 {"on": "MESSAGE", "scenario": "retry", "whenState": "Started", "setState": "failed",
                  "reply": {"code": 451, "text": "x"}, "then": [{"fault": {"type": "REPLY_THEN_CLOSE"}}]},
                 {"on": "VRFY", "fault": {"type": "GARBAGE_THEN_CLOSE"}}]""");
        api.post("/api/rules", BLOCKED);
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.command("MAIL FROM:<ann@example.com>");
            smtp.command("RCPT TO:<bob@example.org>");
        }
        String exported = api.get("/api/rules").body();
        assertThat(json(exported).findValues("nearMisses"))
                .anySatisfy(misses -> assertThat(misses).isNotEmpty());

        api.delete("/api/rules");
        HttpResponse<String> reimported = api.post("/api/rules", exported);

        assertThat(reimported.statusCode()).isEqualTo(201);
        assertThat(withoutState(json(api.get("/api/rules")))).isEqualTo(withoutState(json(exported)));
    }

    /** The rules without what the server keeps about them (ids, counts, near misses). */
    private static List<JsonNode> withoutState(JsonNode rules) {
        return StreamSupport.stream(rules.spliterator(), false)
                .map(rule -> {
                    ObjectNode copy = rule.deepCopy();
                    copy.remove(List.of("id", "timesFired", "nearMisses"));
                    return (JsonNode) copy;
                })
                .sorted(Comparator.comparing(JsonNode::toString))
                .toList();
    }

    @Test
    void delete_one_rule_then_all() {
        api.post("/api/rules", "[" + BLOCKED + ", {\"on\": \"MAIL\", \"fault\": {\"type\": \"RESET\"}}]");

        HttpResponse<String> deleted = api.delete("/api/rules/r2");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":\"r2\"}");
        assertThat(json(api.get("/api/rules")).findValuesAsText("id")).containsExactly("r1");
        HttpResponse<String> again = api.delete("/api/rules/r2");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"error\":\"No rule with id r2\"}");
        assertThat(api.get("/api/rules/r2").statusCode()).isEqualTo(404);

        HttpResponse<String> all = api.delete("/api/rules");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("{\"deleted\":true}");
        assertThat(api.get("/api/rules").body()).isEqualTo("[]");
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.command("MAIL FROM:<ann@example.com>");
            assertThat(smtp.command("RCPT TO:<x@blocked.example>")).startsWith("250 2.1.5");
        }
    }

    @Test
    void unknown_rule_ids_and_paths_are_404_and_other_methods_405() {
        api.post("/api/rules", BLOCKED);

        assertThat(api.get("/api/rules/r9").body()).isEqualTo("{\"error\":\"No rule with id r9\"}");
        assertThat(api.get("/api/rules/r9").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/rules/r1/extra").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/rules/r1/extra").body())
                .isEqualTo("{\"error\":\"No such endpoint: /api/rules/r1/extra\"}");
        HttpResponse<String> put = api.method("PUT", "/api/rules");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
        assertThat(put.body()).isEqualTo("{\"error\":\"Method PUT not allowed here; use GET, POST, DELETE\"}");
        HttpResponse<String> post = api.post("/api/rules/r1", BLOCKED);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, DELETE");
        assertThat(api.method("POST", "/api/near-misses").statusCode()).isEqualTo(405);
    }

    @Test
    void near_misses_start_empty() {
        HttpResponse<String> response = api.get("/api/near-misses");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }
}
