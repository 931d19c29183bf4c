package dev.twofifty.standalone.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.ParsedMessage;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EnhancedStatusCode;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.Mismatch;
import dev.twofifty.script.NearMiss;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of the journal for the admin API, in both directions: the server writes it, the
 * remote client reads it back into the same journal types. {@code docs/admin-api.md} documents it.
 */
public final class JournalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JournalJson() {}

    // =====================================================================================
    // Messages

    /** The summary of a message: the fields of {@code GET /api/messages}. */
    public static ObjectNode messageSummary(ReceivedMessage message, boolean withRaw) {
        ObjectNode json = NODES.objectNode();
        json.put("id", message.id());
        json.put("sessionId", message.sessionId());
        json.put("transactionIndex", message.transactionIndex());
        json.put("mailFrom", message.envelope().sender());
        ArrayNode recipients = json.putArray("recipients");
        message.envelope().recipientAddresses().forEach(recipients::add);
        json.put("size", message.size());
        json.put("subject", message.subject());
        json.put("receivedAt", message.receivedAt().toString());
        json.set("envelope", envelope(message.envelope()));
        if (withRaw) {
            json.put("raw", Base64.getEncoder().encodeToString(message.raw()));
        }
        return json;
    }

    /** A message with its headers and MIME view: {@code GET /api/messages/{id}}. */
    public static ObjectNode messageDetail(ReceivedMessage message) {
        ObjectNode json = messageSummary(message, false);
        ParsedMessage parsed = message.parsed();
        ArrayNode headers = json.putArray("headers");
        parsed.headers()
                .forEach(
                        header -> headers.addObject().put("name", header.name()).put("value", header.value()));
        strings(json.putArray("from"), parsed.from());
        strings(json.putArray("to"), parsed.to());
        strings(json.putArray("cc"), parsed.cc());
        strings(json.putArray("blindRecipients"), message.blindRecipients());
        json.put("contentType", parsed.contentType());
        parsed.charset().ifPresent(charset -> json.put("charset", charset));
        parsed.transferEncoding().ifPresent(encoding -> json.put("transferEncoding", encoding));
        parsed.textBody().ifPresent(text -> json.put("textBody", text));
        parsed.htmlBody().ifPresent(html -> json.put("htmlBody", html));
        ArrayNode attachments = json.putArray("attachments");
        for (Attachment attachment : parsed.attachments()) {
            ObjectNode entry = attachments.addObject();
            attachment.fileName().ifPresent(name -> entry.put("fileName", name));
            entry.put("contentType", attachment.contentType());
            entry.put("disposition", attachment.disposition());
            entry.put("size", attachment.size());
        }
        parsed.parseError().ifPresent(error -> json.put("parseError", error));
        return json;
    }

    /** Rebuilds a message from its summary written with the raw content. */
    public static ReceivedMessage message(JsonNode json) {
        return new ReceivedMessage(
                json.get("id").asLong(),
                json.get("sessionId").asLong(),
                json.get("transactionIndex").asInt(),
                envelope(json.get("envelope")),
                Base64.getDecoder().decode(json.get("raw").asText()),
                Instant.parse(json.get("receivedAt").asText()));
    }

    // =====================================================================================
    // Envelopes

    static ObjectNode envelope(Envelope envelope) {
        ObjectNode json = NODES.objectNode();
        json.put("mailFrom", envelope.sender());
        json.set("mailParameters", parameters(envelope.mailParameters()));
        ArrayNode recipients = json.putArray("recipients");
        for (Recipient recipient : envelope.recipients()) {
            recipients
                    .addObject()
                    .put("address", recipient.address())
                    .set("parameters", parameters(recipient.parameters()));
        }
        return json;
    }

    static Envelope envelope(JsonNode json) {
        List<Recipient> recipients = new ArrayList<>();
        for (JsonNode recipient : json.get("recipients")) {
            recipients.add(
                    new Recipient(path(recipient.get("address").asText()), parameters(recipient.get("parameters"))));
        }
        return new Envelope(path(json.get("mailFrom").asText()), parameters(json.get("mailParameters")), recipients);
    }

    private static Path path(String text) {
        if (text.isEmpty()) {
            return Path.NULL;
        }
        int at = text.lastIndexOf('@');
        return new Path(text, at < 0 ? new Address(text, "") : Address.parse(text));
    }

    private static ObjectNode parameters(EsmtpParameters parameters) {
        ObjectNode json = NODES.objectNode();
        parameters.values().forEach(json::put);
        return json;
    }

    private static EsmtpParameters parameters(JsonNode json) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values.isEmpty() ? EsmtpParameters.NONE : new EsmtpParameters(values);
    }

    // =====================================================================================
    // Sessions

    /** A session: {@code GET /api/sessions}. */
    public static ObjectNode session(SessionRecord session) {
        ObjectNode json = NODES.objectNode();
        json.put("id", session.id());
        json.put("remoteAddress", session.remoteAddress());
        json.put("startedAt", session.startedAt().toString());
        json.put("endedAt", session.endedAt().map(Instant::toString).orElse(null));
        if (session.tls().isPresent()) {
            TlsInfo tls = session.tls().get();
            json.putObject("tls")
                    .put("protocol", tls.protocol())
                    .put("cipherSuite", tls.cipherSuite())
                    .put("implicit", tls.implicit());
        } else {
            json.putNull("tls");
        }
        json.put("authenticatedAs", session.authenticatedAs().orElse(null));
        json.put("ehlo", session.ehlo().orElse(null));
        ArrayNode transcript = json.putArray("transcript");
        for (TranscriptEntry entry : session.transcript()) {
            transcript
                    .addObject()
                    .put("from", entry.from().name().toLowerCase(Locale.ROOT))
                    .put("kind", entry.kind().name().toLowerCase(Locale.ROOT))
                    .put("line", entry.line())
                    .put("atMillis", entry.at().toMillis())
                    .put("batch", entry.batch());
        }
        json.put("droppedTranscriptEntries", session.droppedTranscriptEntries());
        ArrayNode violations = json.putArray("violations");
        for (Violation violation : session.violations()) {
            violations
                    .addObject()
                    .put("type", violation.type().name())
                    .put("reference", violation.type().reference())
                    .put("detail", violation.detail())
                    .put("atMillis", violation.at().toMillis());
        }
        ArrayNode transactions = json.putArray("transactions");
        for (TransactionRecord transaction : session.transactions()) {
            ObjectNode entry = transactions.addObject();
            entry.put("index", transaction.index());
            entry.put("outcome", transaction.outcome().name());
            entry.set("envelope", envelope(transaction.envelope()));
            entry.set(
                    "finalReply",
                    transaction.finalReply().map(JournalJson::reply).orElse(null));
            entry.put("messageId", transaction.messageId().orElse(null));
            entry.put("contentSize", transaction.contentSize());
        }
        json.put("endedBy", session.endedBy().map(Enum::name).orElse(null));
        return json;
    }

    /** Rebuilds a session from its JSON form. */
    public static SessionRecord session(JsonNode json) {
        List<TranscriptEntry> transcript = new ArrayList<>();
        for (JsonNode entry : json.get("transcript")) {
            transcript.add(new TranscriptEntry(
                    TranscriptEntry.Party.valueOf(entry.get("from").asText().toUpperCase(Locale.ROOT)),
                    TranscriptEntry.Kind.valueOf(entry.get("kind").asText().toUpperCase(Locale.ROOT)),
                    entry.get("line").asText(),
                    Duration.ofMillis(entry.get("atMillis").asLong()),
                    entry.get("batch").asInt()));
        }
        List<Violation> violations = new ArrayList<>();
        for (JsonNode violation : json.get("violations")) {
            violations.add(new Violation(
                    Violation.Type.valueOf(violation.get("type").asText()),
                    violation.get("detail").asText(),
                    Duration.ofMillis(violation.get("atMillis").asLong())));
        }
        List<TransactionRecord> transactions = new ArrayList<>();
        for (JsonNode transaction : json.get("transactions")) {
            JsonNode reply = transaction.get("finalReply");
            JsonNode messageId = transaction.get("messageId");
            transactions.add(new TransactionRecord(
                    transaction.get("index").asInt(),
                    envelope(transaction.get("envelope")),
                    TransactionRecord.Outcome.valueOf(transaction.get("outcome").asText()),
                    reply == null || reply.isNull() ? Optional.empty() : Optional.of(reply(reply)),
                    messageId == null || messageId.isNull() ? Optional.empty() : Optional.of(messageId.asLong()),
                    transaction.get("contentSize").asLong()));
        }
        JsonNode tls = json.get("tls");
        return new SessionRecord(
                json.get("id").asLong(),
                json.get("remoteAddress").asText(),
                Instant.parse(json.get("startedAt").asText()),
                optionalText(json, "endedAt").map(Instant::parse),
                tls == null || tls.isNull()
                        ? Optional.empty()
                        : Optional.of(new TlsInfo(
                                tls.get("protocol").asText(),
                                tls.get("cipherSuite").asText(),
                                tls.get("implicit").asBoolean())),
                optionalText(json, "authenticatedAs"),
                optionalText(json, "ehlo"),
                transcript,
                json.get("droppedTranscriptEntries").asInt(),
                violations,
                transactions,
                optionalText(json, "endedBy").map(SessionEnd::valueOf));
    }

    // =====================================================================================
    // Replies and near misses

    static ObjectNode reply(SmtpReply reply) {
        ObjectNode json = NODES.objectNode();
        json.put("code", reply.code());
        if (reply.enhancedCode() != null) {
            json.put("enhanced", reply.enhancedCode().toString());
        }
        strings(json.putArray("text"), reply.lines());
        return json;
    }

    static SmtpReply reply(JsonNode json) {
        List<String> lines = new ArrayList<>();
        json.get("text").forEach(line -> lines.add(line.asText()));
        JsonNode enhanced = json.get("enhanced");
        return new SmtpReply(
                json.get("code").asInt(), enhanced == null ? null : EnhancedStatusCode.parse(enhanced.asText()), lines);
    }

    /** A near miss: {@code GET /api/near-misses} and the rules' {@code nearMisses}. */
    public static ObjectNode nearMiss(NearMiss miss) {
        ObjectNode json = NODES.objectNode();
        json.put("ruleId", miss.ruleId());
        json.put("rule", miss.rule());
        json.put("sessionId", miss.sessionId());
        json.put("step", miss.step());
        json.put("distance", miss.distance());
        ArrayNode mismatches = json.putArray("mismatches");
        for (Mismatch mismatch : miss.mismatches()) {
            mismatches
                    .addObject()
                    .put("field", mismatch.field())
                    .put("expected", mismatch.expected())
                    .put("actual", mismatch.actual());
        }
        return json;
    }

    /** Rebuilds a near miss. */
    public static NearMiss nearMiss(JsonNode json) {
        List<Mismatch> mismatches = new ArrayList<>();
        json.get("mismatches")
                .forEach(mismatch -> mismatches.add(new Mismatch(
                        mismatch.get("field").asText(),
                        mismatch.get("expected").asText(),
                        mismatch.get("actual").asText())));
        return new NearMiss(
                json.get("ruleId").asText(),
                json.get("rule").asText(),
                json.get("sessionId").asLong(),
                json.get("step").asText(),
                mismatches,
                json.get("distance").asDouble());
    }

    private static Optional<String> optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
