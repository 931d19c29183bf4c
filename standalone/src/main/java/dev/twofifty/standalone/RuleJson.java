package dev.twofifty.standalone;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.protocol.EnhancedStatusCode;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.Action;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Delay;
import dev.twofifty.script.Delivery;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Matcher;
import dev.twofifty.script.Matchers;
import dev.twofifty.script.Rule;
import dev.twofifty.script.Scope;
import dev.twofifty.script.Trigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The JSON form of {@link Rule}s, used by rule files ({@code --rules}), the admin API and the remote
 * client. It maps one to one onto the rule model; {@code docs/rules.md} documents every field.
 *
 * <pre>{@code
 * {"on": "RCPT", "match": {"domain": "blocked.example"},
 *  "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]}, "times": 2}
 * }</pre>
 *
 * <p>Invalid JSON is rejected with a {@link RuleJsonException} whose message names the field, for
 * example {@code reply.code: must be 200 to 599 but was 700}.
 */
public final class RuleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> RULE_FIELDS = Set.of(
            "id",
            "timesFired",
            "on",
            "match",
            "reply",
            "raw",
            "delayMs",
            "delay",
            "drip",
            "fragments",
            "fault",
            "capabilities",
            "then",
            "times",
            "priority",
            "scope",
            "scenario",
            "whenState",
            "setState",
            "name",
            // Read-only fields of GET /api/rules, ignored so that its answer can be posted back.
            "description",
            "nearMisses");
    private static final Set<String> ACTION_FIELDS =
            Set.of("reply", "raw", "delayMs", "delay", "drip", "fragments", "fault", "capabilities");
    private static final List<String> MATCHERS = List.of(
            "argument",
            "address",
            "sender",
            "recipient",
            "domain",
            "senderDomain",
            "recipientDomain",
            "localPart",
            "parameter",
            "header",
            "body",
            "sessionNumber",
            "transactionNumber",
            "recipientNumber",
            "tls",
            "authenticated",
            "authenticatedAs",
            "allOf",
            "anyOf",
            "not");

    private RuleJson() {}

    /** Thrown for JSON that is not a valid rule; the message names the field and, for files, the position. */
    public static final class RuleJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public RuleJsonException(String message) {
            super(message);
        }
    }

    // =====================================================================================
    // Reading

    /**
     * Parses one rule object or an array of them.
     *
     * @throws RuleJsonException when the text is not valid JSON or not valid rules
     */
    public static List<Rule> parse(String json) {
        return parse(json, null);
    }

    /**
     * Parses one rule object or an array of them, naming the source (a file) in error messages, with
     * the line and column of the rule at fault.
     *
     * @throws RuleJsonException when the text is not valid JSON or not valid rules
     */
    public static List<Rule> parse(String json, String source) {
        String prefix = source == null ? "" : source + ": ";
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RuleJsonException(prefix + "no rules: expected a rule object or an array of rules");
            }
            List<Rule> rules = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    JsonNode node = parser.readValueAsTree();
                    rules.add(parseAt(node, "[" + index + "].", prefix + where(at, source), "rule " + (index + 1)));
                    index++;
                }
            } else if (first == JsonToken.START_OBJECT) {
                JsonLocation at = parser.currentTokenLocation();
                JsonNode node = parser.readValueAsTree();
                rules.add(parseAt(node, "", prefix + where(at, source), null));
            } else {
                throw new RuleJsonException(prefix + "expected a rule object or an array of rules but found " + first);
            }
            if (parser.nextToken() != null) {
                throw new RuleJsonException(
                        prefix + where(parser.currentTokenLocation(), source) + "unexpected content after the rules");
            }
            return rules;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RuleJsonException(
                    prefix + (at == null ? "" : where(at, "json")) + "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one rule from a JSON tree. */
    public static Rule parse(JsonNode node) {
        return parseAt(node, "", "", null);
    }

    private static String where(JsonLocation at, String source) {
        return source == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    private static Rule parseAt(JsonNode node, String path, String location, String label) {
        try {
            return new Reader(path).rule(node);
        } catch (RuleJsonException e) {
            throw new RuleJsonException(location + (label == null ? "" : label + ": ") + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RuleJsonException(location + (label == null ? "" : label + ": ") + e.getMessage());
        }
    }

    /** Reads one rule, keeping the path for error messages. */
    private static final class Reader {
        private final String root;

        Reader(String root) {
            this.root = root;
        }

        Rule rule(JsonNode node) {
            object(node, "rule", "");
            unknownFields(node, RULE_FIELDS, "");
            Trigger trigger = enumValue(required(node, "on", ""), Trigger.class, "on");
            Rule rule = Rule.on(trigger);
            if (node.has("match")) {
                rule = rule.matching(matcher(node.get("match"), "match"));
            }
            rule = rule.will(action(node, "", trigger));
            JsonNode then = node.get("then");
            if (then != null) {
                array(then, "then");
                for (int i = 0; i < then.size(); i++) {
                    String at = "then[" + i + "]";
                    object(then.get(i), "action", at);
                    unknownFields(then.get(i), ACTION_FIELDS, at + ".");
                    rule = rule.then(action(then.get(i), at + ".", trigger));
                }
            }
            if (node.has("times")) {
                rule = rule.times(positiveInt(node.get("times"), "times"));
            }
            if (node.has("priority")) {
                rule = rule.atPriority(integer(node.get("priority"), "priority"));
            }
            if (node.has("scope")) {
                rule = rule.scoped(enumValue(node.get("scope"), Scope.class, "scope"));
            }
            if (node.has("scenario")) {
                rule = rule.inScenario(text(node.get("scenario"), "scenario"));
            }
            if (node.has("whenState")) {
                requireScenario(node, "whenState");
                rule = rule.whenScenarioStateIs(text(node.get("whenState"), "whenState"));
            }
            if (node.has("setState")) {
                requireScenario(node, "setState");
                rule = rule.willSetStateTo(text(node.get("setState"), "setState"));
            }
            if (node.has("name")) {
                rule = rule.named(text(node.get("name"), "name"));
            }
            return rule;
        }

        private void requireScenario(JsonNode node, String field) {
            if (!node.has("scenario")) {
                throw error(field, "needs \"scenario\": a state belongs to a named scenario");
            }
        }

        Action action(JsonNode node, String at, Trigger trigger) {
            Action action = Action.DEFAULT;
            if (node.has("reply")) {
                action = action.withReply(reply(node.get("reply"), at + "reply"));
            }
            if (node.has("raw")) {
                String raw = text(node.get("raw"), at + "raw");
                if (raw.isEmpty()) {
                    throw error(at + "raw", "must not be empty; use a STALL fault for no reply");
                }
                action = action.withWire(raw);
            }
            if (node.has("delayMs") && node.has("delay")) {
                throw error(at + "delay", "give either \"delayMs\" or \"delay\", not both");
            }
            if (node.has("delayMs")) {
                action = action.withDelay(Duration.ofMillis(nonNegativeLong(node.get("delayMs"), at + "delayMs")));
            }
            if (node.has("delay")) {
                action = action.withDelay(delay(node.get("delay"), at + "delay"));
            }
            if (node.has("drip") && node.has("fragments")) {
                throw error(at + "drip", "give either \"drip\" or \"fragments\", not both");
            }
            if (node.has("drip")) {
                JsonNode drip = node.get("drip");
                object(drip, "drip", at + "drip");
                unknownFields(drip, Set.of("totalMs"), at + "drip.");
                action = action.withDelivery(Delivery.drip(Duration.ofMillis(
                        nonNegativeLong(required(drip, "totalMs", at + "drip."), at + "drip.totalMs"))));
            }
            if (node.has("fragments")) {
                action = action.withDelivery(fragments(node.get("fragments"), at + "fragments"));
            }
            if (node.has("fault")) {
                Fault fault = fault(node.get("fault"), at + "fault", trigger);
                if (action.reply() != null && !sendsReply(fault)) {
                    throw error(
                            at + "fault",
                            "the fault " + node.get("fault").get("type").asText()
                                    + " sends no reply, so \"reply\" would never be sent; use REPLY_THEN_CLOSE");
                }
                action = action.withFault(fault);
            }
            if (node.has("capabilities")) {
                if (trigger != Trigger.EHLO && trigger != Trigger.ANY) {
                    throw error(at + "capabilities", "applies to EHLO only, not " + trigger);
                }
                action = action.withCapabilities(capabilities(node.get("capabilities"), at + "capabilities"));
            }
            return action;
        }

        SmtpReply reply(JsonNode node, String at) {
            object(node, "reply", at);
            unknownFields(node, Set.of("code", "enhanced", "text"), at + ".");
            int code = integer(required(node, "code", at + "."), at + ".code");
            if (code < 200 || code > 599) {
                throw error(at + ".code", "must be 200 to 599 but was " + code);
            }
            EnhancedStatusCode enhanced = null;
            if (node.has("enhanced") && !node.get("enhanced").isNull()) {
                String value = text(node.get("enhanced"), at + ".enhanced");
                try {
                    enhanced = EnhancedStatusCode.parse(value);
                } catch (IllegalArgumentException e) {
                    throw error(at + ".enhanced", e.getMessage());
                }
                int replyClass = code / 100;
                if (replyClass != 3 && enhanced.codeClass() != replyClass) {
                    throw error(
                            at + ".enhanced",
                            "class " + enhanced.codeClass() + " does not match reply code " + code + " (RFC 3463 §2)");
                }
            }
            List<String> lines;
            JsonNode text = node.get("text");
            if (text == null || text.isNull()) {
                lines = List.of("");
            } else if (text.isTextual()) {
                lines = List.of(text.asText());
            } else if (text.isArray() && text.size() > 0) {
                lines = new ArrayList<>();
                for (int i = 0; i < text.size(); i++) {
                    lines.add(text(text.get(i), at + ".text[" + i + "]"));
                }
            } else {
                throw error(at + ".text", "must be a string or a non-empty array of strings");
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).indexOf('\r') >= 0 || lines.get(i).indexOf('\n') >= 0) {
                    throw error(
                            at + ".text" + (lines.size() > 1 ? "[" + i + "]" : ""),
                            "must not contain CR or LF; give several lines as an array");
                }
            }
            return new SmtpReply(code, enhanced, lines);
        }

        Delay delay(JsonNode node, String at) {
            object(node, "delay", at);
            unknownFields(node, Set.of("fixedMs", "uniform", "logNormal"), at + ".");
            if (node.size() != 1) {
                throw error(at, "give exactly one of \"fixedMs\", \"uniform\" or \"logNormal\"");
            }
            if (node.has("fixedMs")) {
                return Delay.fixed(Duration.ofMillis(nonNegativeLong(node.get("fixedMs"), at + ".fixedMs")));
            }
            if (node.has("uniform")) {
                JsonNode uniform = node.get("uniform");
                String path = at + ".uniform";
                object(uniform, "uniform", path);
                unknownFields(uniform, Set.of("minMs", "maxMs", "seed"), path + ".");
                long min = nonNegativeLong(required(uniform, "minMs", path + "."), path + ".minMs");
                long max = nonNegativeLong(required(uniform, "maxMs", path + "."), path + ".maxMs");
                if (max < min) {
                    throw error(path + ".maxMs", "must be at least minMs (" + min + ") but was " + max);
                }
                Delay.Uniform delay = Delay.uniform(Duration.ofMillis(min), Duration.ofMillis(max));
                return uniform.has("seed") ? delay.withSeed(longValue(uniform.get("seed"), path + ".seed")) : delay;
            }
            JsonNode logNormal = node.get("logNormal");
            String path = at + ".logNormal";
            object(logNormal, "logNormal", path);
            unknownFields(logNormal, Set.of("medianMs", "sigma", "seed"), path + ".");
            long median = nonNegativeLong(required(logNormal, "medianMs", path + "."), path + ".medianMs");
            JsonNode sigmaNode = required(logNormal, "sigma", path + ".");
            if (!sigmaNode.isNumber() || sigmaNode.asDouble() < 0) {
                throw error(path + ".sigma", "must be a number, zero or more");
            }
            Delay.LogNormal delay = Delay.logNormal(Duration.ofMillis(median), sigmaNode.asDouble());
            return logNormal.has("seed") ? delay.withSeed(longValue(logNormal.get("seed"), path + ".seed")) : delay;
        }

        Delivery fragments(JsonNode node, String at) {
            object(node, "fragments", at);
            unknownFields(node, Set.of("offsets", "gapMs"), at + ".");
            JsonNode offsets = required(node, "offsets", at + ".");
            array(offsets, at + ".offsets");
            int[] values = new int[offsets.size()];
            for (int i = 0; i < offsets.size(); i++) {
                values[i] = positiveInt(offsets.get(i), at + ".offsets[" + i + "]");
            }
            long gap = node.has("gapMs") ? nonNegativeLong(node.get("gapMs"), at + ".gapMs") : 0;
            try {
                return Delivery.fragments(Duration.ofMillis(gap), values);
            } catch (IllegalArgumentException e) {
                throw error(at + ".offsets", e.getMessage());
            }
        }

        Fault fault(JsonNode node, String at, Trigger trigger) {
            object(node, "fault", at);
            unknownFields(node, Set.of("type", "afterBytes", "garbage"), at + ".");
            String type = text(required(node, "type", at + "."), at + ".type").toUpperCase(Locale.ROOT);
            if (node.has("afterBytes") && !type.equals("CLOSE")) {
                throw error(at + ".afterBytes", "goes with type CLOSE only (a drop in mid-content)");
            }
            if (node.has("garbage") && !type.equals("GARBAGE_THEN_CLOSE")) {
                throw error(at + ".garbage", "goes with type GARBAGE_THEN_CLOSE only");
            }
            if (node.has("afterBytes")
                    && trigger != Trigger.DATA
                    && trigger != Trigger.BDAT
                    && trigger != Trigger.ANY) {
                throw error(at + ".afterBytes", "applies to DATA or BDAT only, not " + trigger);
            }
            if (type.equals("TLS_HANDSHAKE_FAILURE") && trigger != Trigger.STARTTLS && trigger != Trigger.ANY) {
                throw error(at + ".type", "TLS_HANDSHAKE_FAILURE applies to STARTTLS only, not " + trigger);
            }
            if (node.has("garbage")
                    && text(node.get("garbage"), at + ".garbage").isEmpty()) {
                throw error(at + ".garbage", "must not be empty");
            }
            return switch (type) {
                case "CLOSE" ->
                    node.has("afterBytes")
                            ? Fault.closeAfterContentBytes(nonNegativeLong(node.get("afterBytes"), at + ".afterBytes"))
                            : Fault.close();
                case "RESET" -> Fault.reset();
                case "STALL" -> Fault.stall();
                case "REPLY_THEN_CLOSE" -> Fault.replyThenClose();
                case "GARBAGE_THEN_CLOSE" ->
                    node.has("garbage")
                            ? Fault.garbageThenClose(octets(node.get("garbage"), at + ".garbage"))
                            : Fault.garbageThenClose();
                case "TLS_HANDSHAKE_FAILURE" -> Fault.tlsHandshakeFailure();
                case "STOP_READING" -> Fault.stopReading();
                default ->
                    throw error(
                            at + ".type",
                            "unknown fault '" + type + "'; one of CLOSE, RESET, STALL,"
                                    + " REPLY_THEN_CLOSE, GARBAGE_THEN_CLOSE, TLS_HANDSHAKE_FAILURE, STOP_READING");
            };
        }

        /**
         * Text whose every character is one octet, U+0000 to U+00FF, as {@link #toJson} writes it (ISO-8859-1),
         * so that any bytes survive a round trip.
         */
        private byte[] octets(JsonNode node, String at) {
            String text = text(node, at);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    throw error(
                            at,
                            "each character is one octet, \\u0000 to \\u00ff, but character " + i + " is \\u"
                                    + String.format("%04x", (int) text.charAt(i)));
                }
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        CapabilityChange capabilities(JsonNode node, String at) {
            object(node, "capabilities", at);
            unknownFields(node, Set.of("remove", "add"), at + ".");
            List<String> remove = strings(node.get("remove"), at + ".remove");
            List<String> add = strings(node.get("add"), at + ".add");
            try {
                return new CapabilityChange(remove, add);
            } catch (IllegalArgumentException e) {
                throw error(at + ".add", e.getMessage());
            }
        }

        Matcher matcher(JsonNode node, String at) {
            object(node, "matcher", at);
            if (node.isEmpty()) {
                return Matchers.any();
            }
            List<Matcher> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                parts.add(singleMatcher(field.getKey(), field.getValue(), at + "." + field.getKey()));
            }
            return Matchers.allOf(parts.toArray(Matcher[]::new));
        }

        private Matcher singleMatcher(String kind, JsonNode value, String at) {
            return switch (kind) {
                case "argument" -> Matchers.argument(regex(value, at, 0).pattern());
                case "address" -> address(value, at, Matchers::address);
                case "sender" -> address(value, at, Matchers::sender);
                case "recipient" -> address(value, at, Matchers::recipient);
                case "domain" -> Matchers.domain(text(value, at));
                case "senderDomain" -> Matchers.senderDomain(text(value, at));
                case "recipientDomain" -> Matchers.recipientDomain(text(value, at));
                case "localPart" -> Matchers.localPart(text(value, at));
                case "parameter" -> parameter(value, at);
                case "header" -> header(value, at);
                case "body" -> new Matcher.Body(regex(value, at, 0));
                case "sessionNumber" -> Matchers.sessionNumber(positiveInt(value, at));
                case "transactionNumber" -> Matchers.transactionNumber(positiveInt(value, at));
                case "recipientNumber" -> Matchers.recipientNumber(positiveInt(value, at));
                case "tls" -> bool(value, at) ? Matchers.tlsActive() : Matchers.tlsInactive();
                case "authenticated" ->
                    bool(value, at) ? Matchers.authenticated() : Matchers.not(Matchers.authenticated());
                case "authenticatedAs" -> Matchers.authenticatedAs(text(value, at));
                case "allOf", "anyOf" -> {
                    array(value, at);
                    if (value.isEmpty()) {
                        throw error(at, "needs at least one matcher");
                    }
                    Matcher[] members = new Matcher[value.size()];
                    for (int i = 0; i < value.size(); i++) {
                        members[i] = matcher(value.get(i), at + "[" + i + "]");
                    }
                    yield kind.equals("allOf") ? new Matcher.AllOf(List.of(members)) : Matchers.anyOf(members);
                }
                case "not" -> new Matcher.Not(matcher(value, at));
                default -> throw error(at, "unknown matcher; one of " + String.join(", ", MATCHERS));
            };
        }

        private Matcher address(JsonNode value, String at, Function<String, Matcher> factory) {
            String address = text(value, at);
            try {
                return factory.apply(address);
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }

        private Matcher parameter(JsonNode value, String at) {
            if (value.isTextual()) {
                return Matchers.parameter(value.asText());
            }
            object(value, "parameter", at);
            unknownFields(value, Set.of("name", "value"), at + ".");
            String name = text(required(value, "name", at + "."), at + ".name");
            return value.has("value")
                    ? new Matcher.Parameter(name, regex(value.get("value"), at + ".value", Pattern.CASE_INSENSITIVE))
                    : Matchers.parameter(name);
        }

        private Matcher header(JsonNode value, String at) {
            object(value, "header", at);
            unknownFields(value, Set.of("name", "value"), at + ".");
            String name = text(required(value, "name", at + "."), at + ".name");
            return new Matcher.Header(name, regex(required(value, "value", at + "."), at + ".value", 0));
        }

        private Pattern regex(JsonNode value, String at, int flags) {
            String regex = text(value, at);
            try {
                return Pattern.compile(regex, flags);
            } catch (PatternSyntaxException e) {
                throw error(
                        at, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }

        // ---- JSON shape helpers

        private RuleJsonException error(String field, String problem) {
            return new RuleJsonException(root + field + ": " + problem);
        }

        private void object(JsonNode node, String what, String at) {
            if (node == null || !node.isObject()) {
                throw new RuleJsonException((at.isEmpty() ? "" : root + at + ": ") + "expected a " + what
                        + " object but found " + kind(node));
            }
        }

        private void array(JsonNode node, String at) {
            if (!node.isArray()) {
                throw error(at, "expected an array but found " + kind(node));
            }
        }

        private void unknownFields(JsonNode node, Set<String> known, String at) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw error(
                            at + name,
                            "unknown field; known fields are "
                                    + known.stream().sorted().collect(Collectors.joining(", ")));
                }
            }
        }

        private JsonNode required(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(at + field, "is required");
            }
            return value;
        }

        private String text(JsonNode node, String at) {
            if (!node.isTextual()) {
                throw error(at, "expected a string but found " + kind(node));
            }
            return node.asText();
        }

        private boolean bool(JsonNode node, String at) {
            if (!node.isBoolean()) {
                throw error(at, "expected true or false but found " + kind(node));
            }
            return node.asBoolean();
        }

        private int integer(JsonNode node, String at) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw error(at, "expected a whole number but found " + kind(node));
            }
            return node.asInt();
        }

        private long longValue(JsonNode node, String at) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw error(at, "expected a whole number but found " + kind(node));
            }
            return node.asLong();
        }

        private int positiveInt(JsonNode node, String at) {
            int value = integer(node, at);
            if (value < 1) {
                throw error(at, "must be at least 1 but was " + value);
            }
            return value;
        }

        private long nonNegativeLong(JsonNode node, String at) {
            long value = longValue(node, at);
            if (value < 0) {
                throw error(at, "must not be negative but was " + value);
            }
            return value;
        }

        private <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type, String at) {
            String value = text(node, at);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(
                        at,
                        "unknown value '" + value + "'; one of "
                                + Arrays.stream(type.getEnumConstants())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", ")));
            }
        }

        private List<String> strings(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            array(node, at);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(text(node.get(i), at + "[" + i + "]"));
            }
            return values;
        }

        private static String kind(JsonNode node) {
            if (node == null || node.isNull()) {
                return "nothing";
            }
            return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString());
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }

    private static boolean sendsReply(Fault fault) {
        return fault instanceof Fault.ReplyThenClose
                || fault instanceof Fault.CloseAfterContentBytes
                || fault instanceof Fault.TlsHandshakeFailure
                || fault instanceof Fault.StopReading;
    }

    // =====================================================================================
    // Writing

    /** The JSON form of a rule. */
    public static ObjectNode toJson(Rule rule) {
        ObjectNode node = NODES.objectNode();
        if (rule.name() != null) {
            node.put("name", rule.name());
        }
        node.put("on", rule.trigger().name());
        if (!(rule.matcher() instanceof Matcher.Always)) {
            node.set("match", matcherJson(rule.matcher()));
        }
        writeAction(node, rule.actions().get(0));
        if (rule.actions().size() > 1) {
            ArrayNode then = node.putArray("then");
            for (Action action : rule.actions().subList(1, rule.actions().size())) {
                ObjectNode step = NODES.objectNode();
                writeAction(step, action);
                then.add(step);
            }
        }
        if (rule.times() != null) {
            node.put("times", rule.times());
        }
        if (rule.priority() != Rule.DEFAULT_PRIORITY) {
            node.put("priority", rule.priority());
        }
        if (rule.scope() != Scope.SERVER) {
            node.put("scope", rule.scope().name());
        }
        if (rule.scenario() != null) {
            node.put("scenario", rule.scenario());
        }
        if (rule.requiredState() != null) {
            node.put("whenState", rule.requiredState());
        }
        if (rule.newState() != null) {
            node.put("setState", rule.newState());
        }
        return node;
    }

    /** The JSON text of a rule. */
    public static String write(Rule rule) {
        return toJson(rule).toString();
    }

    private static void writeAction(ObjectNode node, Action action) {
        if (action.reply() != null) {
            SmtpReply reply = action.reply();
            ObjectNode json = node.putObject("reply");
            json.put("code", reply.code());
            if (reply.enhancedCode() != null) {
                json.put("enhanced", reply.enhancedCode().toString());
            }
            ArrayNode text = json.putArray("text");
            reply.lines().forEach(text::add);
        }
        if (action.wire() != null) {
            node.put("raw", action.wire());
        }
        Delay delay = action.delay();
        if (delay instanceof Delay.Fixed fixed) {
            if (!fixed.duration().isZero()) {
                node.put("delayMs", fixed.duration().toMillis());
            }
        } else if (delay instanceof Delay.Uniform uniform) {
            ObjectNode json = node.putObject("delay").putObject("uniform");
            json.put("minMs", uniform.min().toMillis());
            json.put("maxMs", uniform.max().toMillis());
            if (uniform.seed() != null) {
                json.put("seed", uniform.seed());
            }
        } else if (delay instanceof Delay.LogNormal logNormal) {
            ObjectNode json = node.putObject("delay").putObject("logNormal");
            json.put("medianMs", logNormal.median().toMillis());
            json.put("sigma", logNormal.sigma());
            if (logNormal.seed() != null) {
                json.put("seed", logNormal.seed());
            }
        }
        if (action.delivery() instanceof Delivery.Drip drip) {
            node.putObject("drip").put("totalMs", drip.total().toMillis());
        } else if (action.delivery() instanceof Delivery.Fragments fragments) {
            ObjectNode json = node.putObject("fragments");
            ArrayNode offsets = json.putArray("offsets");
            fragments.splitOffsets().forEach(offsets::add);
            json.put("gapMs", fragments.gap().toMillis());
        }
        if (action.fault() != null) {
            node.set("fault", faultJson(action.fault()));
        }
        if (action.capabilities() != null) {
            ObjectNode json = node.putObject("capabilities");
            ArrayNode remove = json.putArray("remove");
            action.capabilities().remove().forEach(remove::add);
            ArrayNode add = json.putArray("add");
            action.capabilities().add().forEach(add::add);
        }
    }

    private static ObjectNode faultJson(Fault fault) {
        ObjectNode json = NODES.objectNode();
        if (fault instanceof Fault.Close) {
            json.put("type", "CLOSE");
        } else if (fault instanceof Fault.CloseAfterContentBytes drop) {
            json.put("type", "CLOSE");
            json.put("afterBytes", drop.octets());
        } else if (fault instanceof Fault.Reset) {
            json.put("type", "RESET");
        } else if (fault instanceof Fault.Stall) {
            json.put("type", "STALL");
        } else if (fault instanceof Fault.ReplyThenClose) {
            json.put("type", "REPLY_THEN_CLOSE");
        } else if (fault instanceof Fault.GarbageThenClose garbage) {
            json.put("type", "GARBAGE_THEN_CLOSE");
            json.put("garbage", new String(garbage.garbage(), StandardCharsets.ISO_8859_1));
        } else if (fault instanceof Fault.TlsHandshakeFailure) {
            json.put("type", "TLS_HANDSHAKE_FAILURE");
        } else {
            json.put("type", "STOP_READING");
        }
        return json;
    }

    private static ObjectNode matcherJson(Matcher matcher) {
        ObjectNode json = NODES.objectNode();
        if (matcher instanceof Matcher.Argument argument) {
            json.put("argument", argument.pattern().pattern());
        } else if (matcher instanceof Matcher.AddressIs address) {
            json.put(role(address.role(), "address", "sender", "recipient"), address.address());
        } else if (matcher instanceof Matcher.DomainIs domain) {
            json.put(role(domain.role(), "domain", "senderDomain", "recipientDomain"), domain.domain());
        } else if (matcher instanceof Matcher.LocalPartIs localPart) {
            if (localPart.role() != Matcher.AddressRole.COMMAND) {
                throw new IllegalArgumentException(
                        "A local part matcher for the " + localPart.role() + " role has no JSON form");
            }
            json.put("localPart", localPart.localPart());
        } else if (matcher instanceof Matcher.Parameter parameter) {
            if (parameter.valuePattern() == null) {
                json.put("parameter", parameter.name());
            } else {
                json.putObject("parameter")
                        .put("name", parameter.name())
                        .put("value", parameter.valuePattern().pattern());
            }
        } else if (matcher instanceof Matcher.Header header) {
            json.putObject("header")
                    .put("name", header.name())
                    .put("value", header.valuePattern().pattern());
        } else if (matcher instanceof Matcher.Body body) {
            json.put("body", body.pattern().pattern());
        } else if (matcher instanceof Matcher.SessionOrdinal ordinal) {
            json.put("sessionNumber", ordinal.ordinal());
        } else if (matcher instanceof Matcher.TransactionOrdinal ordinal) {
            json.put("transactionNumber", ordinal.ordinal());
        } else if (matcher instanceof Matcher.RecipientOrdinal ordinal) {
            json.put("recipientNumber", ordinal.ordinal());
        } else if (matcher instanceof Matcher.TlsActive tls) {
            json.put("tls", tls.active());
        } else if (matcher instanceof Matcher.AuthenticatedUser user) {
            if (user.user() == null) {
                json.put("authenticated", true);
            } else {
                json.put("authenticatedAs", user.user());
            }
        } else if (matcher instanceof Matcher.AllOf all) {
            ArrayNode members = json.putArray("allOf");
            all.matchers().forEach(member -> members.add(matcherJson(member)));
        } else if (matcher instanceof Matcher.AnyOf any) {
            ArrayNode members = json.putArray("anyOf");
            any.matchers().forEach(member -> members.add(matcherJson(member)));
        } else if (matcher instanceof Matcher.Not not) {
            json.set("not", matcherJson(not.matcher()));
        }
        return json;
    }

    private static String role(Matcher.AddressRole role, String command, String sender, String recipient) {
        return switch (role) {
            case COMMAND -> command;
            case SENDER -> sender;
            case RECIPIENT -> recipient;
        };
    }
}
