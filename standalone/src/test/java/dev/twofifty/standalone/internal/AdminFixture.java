package dev.twofifty.standalone.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process fake SMTP server with its admin API on ephemeral ports, an HTTP client for the API
 * (a timeout on every request) and JSON helpers. Closing stops both servers.
 */
final class AdminFixture implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    final FakeSmtpServer smtp;
    final AdminServer admin;
    /** One client for all tests: Java 17's client cannot be closed, so it is not made per test. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(REQUEST_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String token;

    private AdminFixture(ServerConfig config, String token) {
        this.smtp = FakeSmtpServer.start(config);
        try {
            this.admin = AdminServer.start(smtp, "127.0.0.1", 0, token);
        } catch (RuntimeException e) {
            smtp.close();
            throw e;
        }
        this.token = token;
    }

    /** A default server, no token. */
    static AdminFixture start() {
        return new AdminFixture(ServerConfig.builder().build(), null);
    }

    /** A server with this configuration, no token. */
    static AdminFixture start(ServerConfig config) {
        return new AdminFixture(config, null);
    }

    /** A default server whose API requires this bearer token (sent by the helpers below). */
    static AdminFixture withToken(String token) {
        return new AdminFixture(ServerConfig.builder().build(), token);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }

    /** A request builder for the path, with the timeout and (if any) the token. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<byte[]> getBytes(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> method(String method, String path) {
        return send(request(path)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Connects a raw SMTP client to the server. */
    SmtpWire smtpClient() {
        return SmtpWire.connect(smtp.host(), smtp.port());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            smtp.close();
        }
    }
}
