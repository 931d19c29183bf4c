package dev.twofifty.standalone.internal;

import static dev.twofifty.standalone.internal.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.standalone.RuleJson;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI document at {@code /api/openapi.json}: served, valid JSON, listing exactly the routes the
 * handler has (checked against the handler itself), with schemas that name the fields the API sends.
 */
@Timeout(30)
class OpenApiDocumentTest {

    /** Every route of {@link AdminHandler} under /api, with its methods. */
    private static final Map<String, Set<String>> ROUTES = routes();

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private AdminFixture api;
    private JsonNode document;

    private static Map<String, Set<String>> routes() {
        Map<String, Set<String>> routes = new LinkedHashMap<>();
        routes.put("/api/health", Set.of("GET"));
        routes.put("/api/info", Set.of("GET"));
        routes.put("/api/journal", Set.of("GET"));
        routes.put("/api/messages", Set.of("GET", "DELETE"));
        routes.put("/api/messages/await", Set.of("GET"));
        routes.put("/api/messages/{id}", Set.of("GET"));
        routes.put("/api/messages/{id}/raw", Set.of("GET"));
        routes.put("/api/sessions", Set.of("GET"));
        routes.put("/api/sessions/await", Set.of("GET"));
        routes.put("/api/sessions/{id}", Set.of("GET"));
        routes.put("/api/rules", Set.of("GET", "POST", "DELETE"));
        routes.put("/api/rules/{id}", Set.of("GET", "DELETE"));
        routes.put("/api/near-misses", Set.of("GET"));
        routes.put("/api/scenarios", Set.of("GET"));
        routes.put("/api/scenarios/reset", Set.of("POST"));
        routes.put("/api/reset", Set.of("POST"));
        routes.put("/api/openapi.json", Set.of("GET"));
        return routes;
    }

    @BeforeEach
    void start() {
        api = AdminFixture.start(
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build());
        HttpResponse<String> response = api.get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        document = json(response);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** One message, one ended session (with TLS and a near miss), and rule r1. */
    private void fillJournal() {
        api.post("/api/rules", "{\"on\": \"RCPT\", \"match\": {\"domain\": \"blocked.example\"}}");
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            smtp.startTls(api.smtp.clientSslContext(), "client.example");
            smtp.transaction(
                    "<a@example.com> RET=HDRS",
                    List.of("<b@example.org> NOTIFY=NEVER"),
                    "Subject: x\r\nTo: b@example.org\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp.quit();
        }
        api.smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
    }

    @Test
    void it_is_openapi_3_0_and_lists_exactly_the_routes_and_methods() {
        assertThat(document.get("openapi").asText()).startsWith("3.0.");
        assertThat(document.at("/info/title").asText()).isEqualTo("TwoFifty admin API");

        Map<String, Set<String>> documented = new LinkedHashMap<>();
        document.get("paths").properties().forEach(path -> {
            Set<String> methods = new LinkedHashSet<>();
            path.getValue().fieldNames().forEachRemaining(method -> methods.add(method.toUpperCase()));
            documented.put(path.getKey(), methods);
        });

        assertThat(documented).isEqualTo(ROUTES);
    }

    @Test
    void the_handler_answers_exactly_the_documented_methods_on_every_path() {
        for (Map.Entry<String, Set<String>> route : ROUTES.entrySet()) {
            String path = route.getKey()
                    .replace("/api/rules/{id}", "/api/rules/r1")
                    .replace("{id}", "1")
                    .replace("/api/messages/await", "/api/messages/await?count=1&timeoutMs=0")
                    .replace("/api/sessions/await", "/api/sessions/await?ended=1&timeoutMs=0");
            for (String method : METHODS) {
                // A fresh server per probe: DELETE and the resets change what the next probe finds.
                try (AdminFixture probe = AdminFixture.start()) {
                    sendOneMessage(probe);

                    HttpResponse<String> response =
                            method.equals("POST") ? probe.post(path, "{\"on\": \"NOOP\"}") : probe.method(method, path);

                    if (route.getValue().contains(method)) {
                        assertThat(response.statusCode())
                                .as("%s %s: %s", method, path, response.body())
                                .isBetween(200, 299);
                    } else {
                        assertThat(response.statusCode())
                                .as("%s %s: %s", method, path, response.body())
                                .isEqualTo(405);
                    }
                }
            }
        }
    }

    /** Rule r1, message 1 and session 1 (ended). */
    private static void sendOneMessage(AdminFixture target) {
        target.post("/api/rules", "{\"on\": \"NOOP\"}");
        try (SmtpWire smtp = target.smtpClient().ehlo("client.example")) {
            smtp.transaction(
                    "<a@example.com>",
                    List.of("<b@example.org>"),
                    "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp.quit();
        }
        target.smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
    }

    @Test
    void every_reference_resolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as("reference %s", ref)
                    .isFalse();
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    @Test
    void the_schemas_name_the_fields_the_api_sends() {
        fillJournal();
        JsonNode session = json(api.get("/api/sessions")).get(0);
        JsonNode rule = json(api.get("/api/rules")).get(0);

        checkFields("MessageSummary", json(api.get("/api/messages?raw=true")).get(0));
        checkFields("MessageDetail", json(api.get("/api/messages/1")));
        checkFields("MessageDetail", json(api.get("/api/messages/1?raw=true")));
        checkFields("Envelope", json(api.get("/api/messages/1")).get("envelope"));
        checkFields("Session", session);
        checkFields("Tls", session.get("tls"));
        checkFields("TranscriptEntry", session.get("transcript").get(0));
        checkFields("Transaction", session.get("transactions").get(0));
        checkFields("Reply", session.get("transactions").get(0).get("finalReply"));
        checkFields("ActiveRule", rule);
        checkFields("NearMiss", rule.get("nearMisses").get(0));
        checkFields("Mismatch", rule.get("nearMisses").get(0).get("mismatches").get(0));
        checkFields("AwaitTimeout", json(api.get("/api/messages/await?count=2&timeoutMs=0")));
        checkFields(
                "Session",
                json(api.get("/api/sessions/await?ended=1&timeoutMs=0")).get(0));
        checkFields("SessionAwaitTimeout", json(api.get("/api/sessions/await?ended=2&timeoutMs=0")));
        checkFields("Info", json(api.get("/api/info")));
        checkFields("JournalCounts", json(api.get("/api/journal")));
        checkFields("Health", json(api.get("/api/health")));
        checkFields("Error", json(api.get("/api/messages/9")));
        checkFields("Reset", json(api.post("/api/scenarios/reset", "")));
        checkFields("DeletedRule", json(api.delete("/api/rules/r1")));
        checkFields("Deleted", json(api.delete("/api/messages")));
    }

    private void checkFields(String schema, JsonNode actual) {
        JsonNode definition = document.at("/components/schemas/" + schema);
        Set<String> properties = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        collect(definition, properties, required);
        Set<String> sent = new LinkedHashSet<>();
        actual.fieldNames().forEachRemaining(sent::add);

        assertThat(properties).as("properties of %s", schema).containsAll(sent);
        assertThat(sent).as("fields sent for %s", schema).containsAll(required);
    }

    private void collect(JsonNode schema, Set<String> properties, Set<String> required) {
        if (schema.has("$ref")) {
            collect(document.at(schema.get("$ref").asText().substring(1)), properties, required);
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> collect(part, properties, required));
        }
        if (schema.has("properties")) {
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
        }
        if (schema.has("required")) {
            schema.get("required").forEach(name -> required.add(name.asText()));
        }
    }

    @Test
    void the_response_examples_have_the_fields_of_their_schemas() {
        List<String> checked = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operation
                                .getValue()
                                .path("responses")
                                .properties()
                                .forEach(response -> checkResponseExample(
                                        operation.getKey() + " " + path.getKey() + " " + response.getKey(),
                                        response.getValue(),
                                        checked))));
        document.at("/components/responses")
                .properties()
                .forEach(response -> checkResponseExample(response.getKey(), response.getValue(), checked));

        assertThat(checked)
                .contains(
                        "get /api/info 200",
                        "get /api/journal 200",
                        "get /api/messages/{id} 200",
                        "get /api/sessions/await 408");
    }

    private void checkResponseExample(String where, JsonNode response, List<String> checked) {
        JsonNode content = response.at("/content/application~1json");
        if (content.has("schema") && content.has("example")) {
            checkExample(where, content.get("schema"), content.get("example"));
            checked.add(where);
        }
    }

    /** The example has every required field of the schema and no other fields than its properties, all the way down. */
    private void checkExample(String where, JsonNode schema, JsonNode example) {
        if (example.isArray()) {
            JsonNode items = resolve(schema).get("items");
            for (int i = 0; items != null && i < example.size(); i++) {
                checkExample(where + "[" + i + "]", items, example.get(i));
            }
            return;
        }
        Set<String> properties = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        collect(schema, properties, required);
        if (!example.isObject() || properties.isEmpty()) {
            return;
        }
        Set<String> given = new LinkedHashSet<>();
        example.fieldNames().forEachRemaining(given::add);
        assertThat(properties).as("properties for the example at %s", where).containsAll(given);
        assertThat(given).as("fields of the example at %s", where).containsAll(required);
        for (String name : given) {
            JsonNode property = property(schema, name);
            if (property != null) {
                checkExample(where + "." + name, property, example.get(name));
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        return schema.has("$ref")
                ? resolve(document.at(schema.get("$ref").asText().substring(1)))
                : schema;
    }

    /** The schema of a property, looked up through references and allOf. */
    private JsonNode property(JsonNode schema, String name) {
        JsonNode resolved = resolve(schema);
        if (resolved.path("properties").has(name)) {
            return resolved.get("properties").get(name);
        }
        for (JsonNode part : resolved.path("allOf")) {
            JsonNode found = property(part, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void the_rule_examples_are_valid_rules() {
        JsonNode post = document.at("/paths/~1api~1rules/post");

        RuleJson.parse(post.at("/requestBody/content/application~1json/example").toString());
        RuleJson.parse(
                post.at("/responses/201/content/application~1json/example").toString());
        assertThat(RuleJson.parse(
                        document.at("/paths/~1api~1rules~1{id}/get/responses/200/content/application~1json/example")
                                .toString()))
                .hasSize(1);
    }

    @Test
    void the_admin_api_page_documents_every_path_with_json_that_parses() throws IOException {
        List<String> page = Files.readAllLines(Path.of("../docs/admin-api.md"));

        for (String path : ROUTES.keySet()) {
            assertThat(page)
                    .as("a section for %s", path)
                    .anyMatch(line -> line.startsWith("### ")
                            && (line.contains(" " + path + "`") || line.contains(" " + path + "?")));
        }
        int blocks = 0;
        for (int i = 0; i < page.size(); i++) {
            if (page.get(i).equals("```json")) {
                int end = page.subList(i, page.size()).indexOf("```") + i;
                assertThat(json(String.join("\n", page.subList(i + 1, end))))
                        .as("JSON at line %d", i + 1)
                        .isNotNull();
                blocks++;
                i = end;
            }
        }
        assertThat(blocks).isGreaterThan(10);
    }

    @Test
    void it_needs_the_token_like_the_rest_of_the_api() {
        try (AdminFixture guarded = AdminFixture.withToken("secret-token")) {
            HttpResponse<String> response = guarded.send(HttpRequest.newBuilder(guarded.uri("/api/openapi.json"))
                    .timeout(AdminFixture.REQUEST_TIMEOUT)
                    .build());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(guarded.get("/api/openapi.json"))).isEqualTo(document);
        }
    }
}
