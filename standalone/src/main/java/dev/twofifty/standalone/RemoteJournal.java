package dev.twofifty.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.standalone.internal.JournalJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The {@link Journal} of a standalone server, read over its admin API. Every call is one request (two for
 * a timed-out wait, to describe the sessions); waits are held by the server, never polled.
 */
final class RemoteJournal implements Journal {

    /** The longest wait the admin API accepts in one request; longer waits are chained. */
    static final long MAX_WAIT_MILLIS = 3_600_000;

    private final AdminClient client;

    RemoteJournal(AdminClient client) {
        this.client = client;
    }

    @Override
    public List<ReceivedMessage> messages() {
        return client.read(
                client.exchange("GET", "/api/messages?raw=true", null, Duration.ZERO), RemoteJournal::messageList);
    }

    @Override
    public Optional<ReceivedMessage> message(long id) {
        AdminClient.Answer answer = client.exchange("GET", "/api/messages/" + id + "?raw=true", null, Duration.ZERO);
        return answer.status() == 404 ? Optional.empty() : Optional.of(client.read(answer, JournalJson::message));
    }

    @Override
    public List<SessionRecord> sessions() {
        return client.read(client.exchange("GET", "/api/sessions", null, Duration.ZERO), RemoteJournal::sessionList);
    }

    @Override
    public Optional<SessionRecord> session(long id) {
        AdminClient.Answer answer = client.exchange("GET", "/api/sessions/" + id, null, Duration.ZERO);
        return answer.status() == 404 ? Optional.empty() : Optional.of(client.read(answer, JournalJson::session));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One request, {@code GET /api/messages/await}, that the server answers when the messages are there
     * or the timeout passes (at most one hour).
     */
    @Override
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        if (count <= 0) {
            return messages();
        }
        long millis = millis(timeout);
        AdminClient.Answer answer = client.exchange(
                "GET",
                "/api/messages/await?count=" + count + "&timeoutMs=" + millis + "&raw=true",
                null,
                Duration.ofMillis(millis));
        if (answer.status() == 408) {
            // 408 is the answer to a wait that timed out: its body says what arrived.
            String error = client.read(
                    answer.endpoint(), answer.json(), json -> json.get("error").asText());
            throw new AwaitTimeoutException(error + describeMessages(answer.json()) + describeSessions());
        }
        return client.read(answer, RemoteJournal::messageList);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One request, {@code GET /api/sessions/await}, that the server answers when the sessions have ended
     * or the timeout passes (at most one hour).
     */
    @Override
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        if (count <= 0) {
            return sessions();
        }
        long millis = millis(timeout);
        AdminClient.Answer answer = client.exchange(
                "GET", "/api/sessions/await?ended=" + count + "&timeoutMs=" + millis, null, Duration.ofMillis(millis));
        if (answer.status() == 408) {
            throw new AwaitTimeoutException(client.read(
                    answer.endpoint(),
                    answer.json(),
                    json -> json.get("error").asText() + describe(sessionList(json.get("sessions")))));
        }
        return client.read(answer, RemoteJournal::sessionList);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asynchronous {@code GET /api/messages/await} requests, renewed each hour (the server's longest
     * wait). Closing the client cancels the future.
     */
    @Override
    public CompletableFuture<List<ReceivedMessage>> whenMessages(int count) {
        return longPoll("/api/messages/await?count=" + Math.max(count, 1) + "&raw=true", RemoteJournal::messageList);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asynchronous {@code GET /api/sessions/await} requests, renewed each hour (the server's longest
     * wait). Closing the client cancels the future.
     */
    @Override
    public CompletableFuture<List<SessionRecord>> whenEndedSessions(int count) {
        return longPoll("/api/sessions/await?ended=" + Math.max(count, 1), RemoteJournal::sessionList);
    }

    @Override
    public long messageCount() {
        return counts().get("messageCount").asLong();
    }

    @Override
    public long evictedMessages() {
        return counts().get("evictedMessages").asLong();
    }

    @Override
    public long evictedSessions() {
        return counts().get("evictedSessions").asLong();
    }

    @Override
    public void clear() {
        client.call("DELETE", "/api/messages");
    }

    // ---- helpers

    private JsonNode counts() {
        return client.read(client.exchange("GET", "/api/journal", null, Duration.ZERO), json -> {
            for (String field : List.of("messageCount", "evictedMessages", "evictedSessions")) {
                if (!json.path(field).isIntegralNumber()) {
                    throw new IllegalStateException("no number in " + field);
                }
            }
            return json;
        });
    }

    /**
     * A future completed by one long request after another: each waits up to an hour on the server, and a
     * {@code 408} just starts the next, so the future itself never times out. Cancelling it abandons the
     * request in flight (the server withdraws its wait when the connection goes).
     */
    private <T> CompletableFuture<T> longPoll(String path, Function<JsonNode, T> reader) {
        client.checkOpen();
        CompletableFuture<T> result = client.track(new CompletableFuture<>());
        request(result, path + "&timeoutMs=" + MAX_WAIT_MILLIS, reader);
        return result;
    }

    private <T> void request(CompletableFuture<T> result, String path, Function<JsonNode, T> reader) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<AdminClient.Answer> inFlight;
        try {
            inFlight = client.exchangeAsync("GET", path, Duration.ofMillis(MAX_WAIT_MILLIS));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        result.whenComplete((ignored, failure) -> {
            if (failure instanceof CancellationException) {
                inFlight.cancel(true);
            }
        });
        inFlight.whenComplete((answer, failure) -> {
            if (failure != null) {
                result.completeExceptionally(
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            } else if (answer.status() == 408) {
                request(result, path, reader);
            } else {
                try {
                    result.complete(client.read(answer, reader));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
    }

    private static long millis(Duration timeout) {
        return Math.max(0, timeout.toMillis());
    }

    static List<ReceivedMessage> messageList(JsonNode json) {
        requireArray(json);
        List<ReceivedMessage> messages = new ArrayList<>(json.size());
        json.forEach(message -> messages.add(JournalJson.message(message)));
        return List.copyOf(messages);
    }

    static List<SessionRecord> sessionList(JsonNode json) {
        requireArray(json);
        List<SessionRecord> sessions = new ArrayList<>(json.size());
        json.forEach(session -> sessions.add(JournalJson.session(session)));
        return List.copyOf(sessions);
    }

    private static void requireArray(JsonNode json) {
        if (!json.isArray()) {
            throw new IllegalStateException("expected an array but was " + json.getNodeType());
        }
    }

    /** The messages listed by a timed-out message wait, one per line, as the in-process journal lists them. */
    private static String describeMessages(JsonNode timeout) {
        StringBuilder out = new StringBuilder();
        for (JsonNode message : timeout.path("messages")) {
            out.append("\n  ")
                    .append(message.path("id").asLong())
                    .append(". from <")
                    .append(message.path("mailFrom").asText())
                    .append("> to ")
                    .append(message.path("recipients"))
                    .append(" (session ")
                    .append(message.path("sessionId").asLong())
                    .append(')');
        }
        return out.toString();
    }

    /** The sessions after a timed-out message wait, fetched best-effort: the timeout is the news. */
    private String describeSessions() {
        try {
            return describe(sessions());
        } catch (RuntimeException e) {
            return "\n(sessions not available: " + e.getMessage() + ")";
        }
    }

    /** Each session with the end of its transcript, as the in-process journal describes them on a timeout. */
    static String describe(List<SessionRecord> sessions) {
        if (sessions.isEmpty()) {
            return "\nNo client connected.";
        }
        StringBuilder out = new StringBuilder("\nSessions:");
        for (SessionRecord session : sessions) {
            out.append("\n  session ").append(session.id()).append(" from ").append(session.remoteAddress());
            out.append(session.endedBy().map(end -> ", ended by " + end).orElse(", open"));
            List<String> lines = session.transcript().stream()
                    .filter(entry -> entry.kind() != TranscriptEntry.Kind.EVENT)
                    .map(Object::toString)
                    .toList();
            int from = Math.max(0, lines.size() - 6);
            if (from > 0) {
                out.append("\n    ...");
            }
            lines.subList(from, lines.size())
                    .forEach(line -> out.append("\n    ").append(line.trim()));
        }
        return out.toString();
    }
}
