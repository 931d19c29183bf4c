package dev.twofifty.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The HTTP side of {@link RemoteFakeSmtp}: sends requests to the admin API with {@link HttpClient} and
 * turns every failure into an exception that names the request and carries the server's explanation.
 */
final class AdminClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer of the admin API: the request it answers, its status and its JSON ({@code null} if none). */
    record Answer(String endpoint, int status, JsonNode json, String text) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The server's {@code error} field, or the start of the body when it is not the API's JSON. */
        String error() {
            if (json != null && json.hasNonNull("error")) {
                return json.get("error").asText();
            }
            String body = text.strip();
            return body.isEmpty() ? "(no body)" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }

    private final URI adminUri;
    private final String base;
    private final RemoteOptions options;
    private final HttpClient http;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    AdminClient(URI adminUri, RemoteOptions options) {
        String scheme = adminUri.getScheme() == null ? "" : adminUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || adminUri.getRawAuthority() == null) {
            throw new IllegalArgumentException(
                    "The admin URI must be http://HOST:PORT or https://HOST:PORT (the server prints 'Admin API on"
                            + " http://HOST:PORT'), but was " + adminUri);
        }
        String path = adminUri.getRawPath() == null ? "" : adminUri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        this.adminUri = adminUri;
        this.base = scheme + "://" + adminUri.getRawAuthority() + path;
        this.options = options;
        // HTTP/1.1: the admin API speaks nothing else, so no upgrade attempt on every connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.requestTimeout())
                .build();
    }

    /** The admin URI as given. */
    URI adminUri() {
        return adminUri;
    }

    /** A path segment, percent-encoded. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends a request without a body and returns its JSON; a status other than 2xx throws. */
    JsonNode call(String method, String path) {
        return call(method, path, null);
    }

    /** Sends a request and returns its JSON; a status other than 2xx throws (see {@link #failure}). */
    JsonNode call(String method, String path, String body) {
        Answer answer = exchange(method, path, body, Duration.ZERO);
        if (!answer.ok()) {
            throw failure(answer);
        }
        return answer.json();
    }

    /**
     * Sends a request and returns the answer whatever its status.
     *
     * @param wait how long the server may take on purpose (a wait), on top of the request timeout
     * @throws UncheckedIOException when the server cannot be reached or does not answer in time
     */
    Answer exchange(String method, String path, String body, Duration wait) {
        checkOpen();
        HttpRequest request = request(method, path, body, wait);
        try {
            return answer(request, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + endpoint(request), e);
        }
    }

    /**
     * Sends a request without blocking. The future fails with the same exceptions as {@link #exchange}, and
     * is cancelled when the client closes.
     */
    CompletableFuture<Answer> exchangeAsync(String method, String path, Duration wait) {
        checkOpen();
        HttpRequest request = request(method, path, null, wait);
        CompletableFuture<Answer> answer = http.sendAsync(
                        request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure == null) {
                        return answer(request, response);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof IOException io) {
                        throw unreachable(request, io);
                    }
                    throw new CompletionException(cause);
                });
        pending.add(answer);
        answer.whenComplete((ignored, failure) -> pending.remove(answer));
        return answer;
    }

    /** Keeps a future to cancel on {@link #close()}. */
    <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        pending.add(future);
        future.whenComplete((ignored, failure) -> pending.remove(future));
        if (closed) {
            future.cancel(false);
        }
        return future;
    }

    /**
     * The exception for an answer that is not a success: {@link IllegalArgumentException} for 400 (the
     * server names the field), {@link RemoteFakeSmtpException} for the rest.
     */
    RuntimeException failure(Answer answer) {
        String message =
                answer.endpoint() + ": " + answer.status() + " " + reason(answer.status()) + ": " + answer.error();
        if (answer.status() == 400) {
            return new IllegalArgumentException(message);
        }
        if (answer.status() == 401) {
            message += options.adminToken() == null
                    ? ". Give the token with RemoteOptions.withAdminToken(...)"
                    : ". The token given with RemoteOptions.withAdminToken(...) is not the server's --admin-token";
        }
        return new RemoteFakeSmtpException(answer.endpoint(), answer.status(), message);
    }

    /**
     * Reads the JSON of a successful answer with {@code reader}; an answer that does not have the expected
     * shape becomes a {@link RemoteFakeSmtpException} instead of a {@code NullPointerException}.
     */
    <T> T read(Answer answer, Function<JsonNode, T> reader) {
        if (!answer.ok()) {
            throw failure(answer);
        }
        return read(answer.endpoint(), answer.json(), reader);
    }

    /** Reads JSON from {@code endpoint} with {@code reader}; see {@link #read(Answer, Function)}. */
    <T> T read(String endpoint, JsonNode json, Function<JsonNode, T> reader) {
        if (json == null) {
            throw notTheApi(endpoint, "the answer is not JSON");
        }
        try {
            return reader.apply(json);
        } catch (RuntimeException e) {
            throw notTheApi(endpoint, "the answer does not have the expected fields (" + e + ")");
        }
    }

    /** The description of a request, for example {@code GET http://127.0.0.1:8025/api/rules}. */
    String endpoint(String method, String path) {
        return method + " " + base + path;
    }

    /** Refuses further requests and cancels the waits still pending. Idempotent. */
    void close() {
        closed = true;
        for (CompletableFuture<?> future : Set.copyOf(pending)) {
            future.cancel(true);
        }
    }

    /** Throws when the client is closed. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This RemoteFakeSmtp for " + adminUri + " is closed");
        }
    }

    private HttpRequest request(String method, String path, String body, Duration wait) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(options.requestTimeout().plus(wait))
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (options.adminToken() != null) {
            builder.header("Authorization", "Bearer " + options.adminToken());
        }
        return builder.build();
    }

    private static String endpoint(HttpRequest request) {
        return request.method() + " " + request.uri();
    }

    private static Answer answer(HttpRequest request, HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body().isBlank() ? null : MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        return new Answer(endpoint(request), response.statusCode(), json, response.body());
    }

    private UncheckedIOException unreachable(HttpRequest request, IOException e) {
        String detail = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        String message;
        if (e instanceof HttpTimeoutException) {
            message = endpoint(request) + ": no answer within "
                    + human(request.timeout().orElseThrow()) + " (RemoteOptions.requestTimeout is "
                    + human(options.requestTimeout()) + "): " + detail;
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            message = "Cannot reach the TwoFifty admin API at " + adminUri + " (" + endpoint(request) + "): " + detail
                    + ". Is the standalone server running, and is this its 'Admin API on' address?";
        } else {
            message = endpoint(request) + " failed: " + detail;
        }
        return new UncheckedIOException(message, e);
    }

    private RemoteFakeSmtpException notTheApi(String endpoint, String why) {
        return new RemoteFakeSmtpException(
                endpoint,
                0,
                endpoint + ": " + why + "; is " + adminUri + " the admin API of a TwoFifty standalone server of"
                        + " this version?");
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP";
        };
    }
}
