package dev.twofifty.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.Journal;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import dev.twofifty.standalone.internal.JournalJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link FakeSmtp} for a standalone server running elsewhere (a jar, a container, a shared test
 * environment), driven over its admin API with the same rules and journal types as the in-process
 * {@link dev.twofifty.FakeSmtpServer}. A test written against {@code FakeSmtp} switches between the two
 * by changing one line:
 *
 * <pre>{@code
 * FakeSmtp smtp = FakeSmtpServer.start();                                  // in-process
 * FakeSmtp smtp = RemoteFakeSmtp.connect(URI.create("http://127.0.0.1:8025")); // a running server
 *
 * smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));
 * sendTo(smtp.host(), smtp.port());
 * List<ReceivedMessage> messages = smtp.awaitMessages(1, Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Every method is one HTTP request (with {@link java.net.http.HttpClient}), and the answer is a
 * snapshot: lists do not change afterwards. Waits are held by the server, never polled. Failures are
 * exceptions that name the request and carry the server's explanation: {@link IllegalArgumentException}
 * for a rule the server rejects, {@link dev.twofifty.journal.AwaitTimeoutException} for a wait that times
 * out, {@link java.io.UncheckedIOException} when the server cannot be reached and {@link
 * RemoteFakeSmtpException} for any other error answer.
 *
 * <p>Rules go over the wire as their JSON form ({@link RuleJson}); a dispatcher and listeners are
 * in-process only. {@link #close()} releases the client; the server keeps running.
 */
public final class RemoteFakeSmtp implements FakeSmtp, AutoCloseable {

    private static final Set<String> ACTIVE_RULE_FIELDS = Set.of("id", "timesFired", "description", "nearMisses");

    private final AdminClient client;
    private final RemoteJournal journal;
    private final String host;
    private final int port;
    private final Integer smtpsPort;
    private final String serverVersion;

    private RemoteFakeSmtp(AdminClient client, String host, int port, Integer smtpsPort, String serverVersion) {
        this.client = client;
        this.journal = new RemoteJournal(client);
        this.host = host;
        this.port = port;
        this.smtpsPort = smtpsPort;
        this.serverVersion = serverVersion;
    }

    /**
     * Connects to the admin API of a running standalone server, with the default options, and learns where
     * its SMTP server listens ({@code GET /api/info}).
     *
     * @param adminUri the address the server printed as {@code Admin API on http://HOST:PORT}
     * @throws java.io.UncheckedIOException when the server cannot be reached
     * @throws RemoteFakeSmtpException when it answers with an error, for example 401 without the token
     */
    public static RemoteFakeSmtp connect(URI adminUri) {
        return connect(adminUri, RemoteOptions.DEFAULTS);
    }

    /**
     * Connects to the admin API of a running standalone server and learns where its SMTP server listens
     * ({@code GET /api/info}).
     *
     * @param adminUri the address the server printed as {@code Admin API on http://HOST:PORT}
     * @param options the admin token, request timeout and SMTP address override
     * @throws IllegalArgumentException when the URI is not an http or https address
     * @throws java.io.UncheckedIOException when the server cannot be reached
     * @throws RemoteFakeSmtpException when it answers with an error, for example 401 without the token
     */
    public static RemoteFakeSmtp connect(URI adminUri, RemoteOptions options) {
        Objects.requireNonNull(adminUri, "adminUri");
        Objects.requireNonNull(options, "options");
        AdminClient client = new AdminClient(adminUri, options);
        AdminClient.Answer answer = client.exchange("GET", "/api/info", null, Duration.ZERO);
        return client.read(answer, info -> {
            String reported = info.get("smtpHost").asText();
            int reportedPort = info.get("smtpPort").asInt();
            if (!info.get("smtpPort").isIntegralNumber() || reportedPort <= 0) {
                throw new IllegalStateException("smtpPort is not a port: " + info.get("smtpPort"));
            }
            String host = options.smtpHost() != null
                    ? options.smtpHost()
                    : isWildcard(reported) ? withoutBrackets(adminUri.getHost()) : reported;
            JsonNode smtps = info.path("smtpsPort");
            JsonNode version = info.path("version");
            return new RemoteFakeSmtp(
                    client,
                    host,
                    options.smtpPort() != null ? options.smtpPort() : reportedPort,
                    smtps.isIntegralNumber() ? smtps.asInt() : null,
                    version.isTextual() ? version.asText() : null);
        });
    }

    /** A server bound to all addresses reports a wildcard; clients then reach it where the admin API is. */
    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** An IPv6 host of a URI ({@code [::1]}) as clients take it ({@code ::1}). */
    private static String withoutBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    // ---- where

    /** The address clients send mail to: the option's, or the server's (the admin URI's host for a wildcard). */
    @Override
    public String host() {
        return host;
    }

    /** The SMTP port clients send mail to: the option's, or the server's. */
    @Override
    public int port() {
        return port;
    }

    /**
     * The server's implicit-TLS port (its {@code --smtps-port}).
     *
     * @throws IllegalStateException when the server has no implicit-TLS listener
     */
    public int smtpsPort() {
        if (smtpsPort == null) {
            throw new IllegalStateException("The server at " + client.adminUri() + " has no implicit-TLS port: start it"
                    + " with --smtps-port");
        }
        return smtpsPort;
    }

    /** The admin API's address, as given to {@link #connect}. */
    public URI adminUri() {
        return client.adminUri();
    }

    /** The server's version as it reported it when connecting, or {@code null} for a development build. */
    public String serverVersion() {
        return serverVersion;
    }

    // ---- scripting

    /**
     * Adds a rule on the server ({@code POST /api/rules} with the rule's JSON form).
     *
     * @return the rule as added; its {@link ActiveRule#timesFired()} and {@link ActiveRule#nearMisses()}
     *     ask the server each time they are called
     * @throws IllegalArgumentException when the rule has no JSON form, or the server rejects it (the
     *     message names the field)
     */
    @Override
    public ActiveRule stubFor(Rule rule) {
        Objects.requireNonNull(rule, "rule");
        String json;
        try {
            json = RuleJson.write(rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "This rule cannot be sent to a remote server: " + e.getMessage() + " (" + rule.describe() + ")", e);
        }
        if (!RuleJson.parse(json).equals(List.of(rule))) {
            throw new IllegalArgumentException(
                    "This rule has no exact JSON form, so it cannot be sent to a remote server: " + rule.describe()
                            + " (as JSON: " + json + ")");
        }
        List<ActiveRule> added = post(json);
        return new RemoteRule(this, added.get(0).id(), rule);
    }

    /**
     * Adds the rules of a JSON text, one rule object or an array, as in a {@code --rules} file ({@code POST
     * /api/rules}). All or none are added.
     *
     * @return the rules as added, in the order given
     * @throws IllegalArgumentException when the server rejects a rule; the message names the field
     */
    public List<ActiveRule> stubForJson(String rulesJson) {
        return post(Objects.requireNonNull(rulesJson, "rulesJson"));
    }

    private List<ActiveRule> post(String json) {
        AdminClient.Answer answer = client.exchange("POST", "/api/rules", json, Duration.ZERO);
        return client.read(answer, this::activeRules);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One request, {@code GET /api/rules}; the rules' counts and near misses are asked for again when
     * called.
     */
    @Override
    public List<ActiveRule> rules() {
        return client.read(client.exchange("GET", "/api/rules", null, Duration.ZERO), this::activeRules);
    }

    /** The rules that have not fired (yet), from one {@code GET /api/rules}. */
    @Override
    public List<ActiveRule> unfiredRules() {
        return client.read(client.exchange("GET", "/api/rules", null, Duration.ZERO), json -> {
            List<ActiveRule> all = activeRules(json);
            List<ActiveRule> unfired = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (json.get(i).get("timesFired").asInt() == 0) {
                    unfired.add(all.get(i));
                }
            }
            return List.copyOf(unfired);
        });
    }

    /** {@inheritDoc} ({@code DELETE /api/rules/{id}}; an id the server does not know gives {@code false}.) */
    @Override
    public boolean removeRule(String id) {
        Objects.requireNonNull(id, "id");
        AdminClient.Answer answer =
                client.exchange("DELETE", "/api/rules/" + AdminClient.segment(id), null, Duration.ZERO);
        if (answer.status() == 404) {
            return false;
        }
        if (!answer.ok()) {
            throw client.failure(answer);
        }
        return true;
    }

    /** {@inheritDoc} ({@code DELETE /api/rules}.) */
    @Override
    public void resetRules() {
        client.call("DELETE", "/api/rules");
    }

    /** {@inheritDoc} ({@code POST /api/scenarios/reset}.) */
    @Override
    public void resetScenarios() {
        client.call("POST", "/api/scenarios/reset");
    }

    /** {@inheritDoc} ({@code GET /api/scenarios}.) */
    @Override
    public Map<String, String> scenarioStates() {
        return client.read(client.exchange("GET", "/api/scenarios", null, Duration.ZERO), json -> {
            Map<String, String> states = new LinkedHashMap<>();
            json.fields().forEachRemaining(field -> states.put(field.getKey(), textOf(field.getValue())));
            return states;
        });
    }

    /** {@inheritDoc} ({@code GET /api/near-misses}.) */
    @Override
    public List<NearMiss> nearMisses() {
        return client.read(
                client.exchange("GET", "/api/near-misses", null, Duration.ZERO), RemoteFakeSmtp::nearMissList);
    }

    // ---- journal

    /**
     * {@inheritDoc}
     *
     * <p>Each call of the journal is a request: {@code GET /api/messages?raw=true} (the messages with their
     * exact content), {@code GET /api/sessions}, the waits {@code GET /api/messages/await} and {@code GET
     * /api/sessions/await}, {@code GET /api/journal} for the counts, {@code DELETE /api/messages} to clear.
     */
    @Override
    public Journal journal() {
        return journal;
    }

    /** {@inheritDoc} ({@code POST /api/reset}.) */
    @Override
    public void reset() {
        client.call("POST", "/api/reset");
    }

    /** Releases the client and cancels its pending {@code whenMessages} futures; the server keeps running. */
    @Override
    public void close() {
        client.close();
    }

    /** The admin URI and the SMTP address, for logs and test names. */
    @Override
    public String toString() {
        return "RemoteFakeSmtp[admin " + client.adminUri() + ", SMTP " + host + ":" + port + "]";
    }

    // ---- rules over the wire

    /** The JSON of one rule, {@code GET /api/rules/{id}}. */
    JsonNode ruleJson(String id) {
        return client.call("GET", "/api/rules/" + AdminClient.segment(id));
    }

    /** The endpoint of one rule, for messages. */
    String ruleEndpoint(String id) {
        return client.endpoint("GET", "/api/rules/" + AdminClient.segment(id));
    }

    /** Reads rules from an endpoint's JSON with the client's error handling. */
    <T> T readRule(String id, JsonNode json, Function<JsonNode, T> reader) {
        return client.read(ruleEndpoint(id), json, reader);
    }

    private List<ActiveRule> activeRules(JsonNode json) {
        if (!json.isArray()) {
            throw new IllegalStateException("expected an array of rules");
        }
        List<ActiveRule> rules = new ArrayList<>(json.size());
        for (JsonNode entry : json) {
            rules.add(new RemoteRule(this, entry.get("id").asText(), ruleOf(entry)));
        }
        return List.copyOf(rules);
    }

    /** The rule of a rule's JSON as the admin API lists it (with its id, counts and description). */
    static Rule ruleOf(JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove(ACTIVE_RULE_FIELDS);
        return RuleJson.parse(copy);
    }

    static List<NearMiss> nearMissList(JsonNode json) {
        if (!json.isArray()) {
            throw new IllegalStateException("expected an array of near misses");
        }
        List<NearMiss> misses = new ArrayList<>(json.size());
        json.forEach(miss -> misses.add(JournalJson.nearMiss(miss)));
        return List.copyOf(misses);
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalStateException("expected a text but was " + node);
        }
        return node.asText();
    }
}
