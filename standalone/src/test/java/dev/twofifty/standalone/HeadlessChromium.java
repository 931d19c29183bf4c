package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol, on the JDK's WebSocket client: no driver
 * binary and no browser library. Started with the flags this machine's closed network needs (no
 * background connections) and a fresh profile.
 */
final class HeadlessChromium implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private HeadlessChromium(Process process) {
        this.process = process;
    }

    /** The browser: {@code -Dtwofifty.chromium=PATH}, {@code $CHROMIUM}, or the first on the PATH. */
    static Optional<Path> find() {
        String configured = System.getProperty("twofifty.chromium", System.getenv("CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts it on an ephemeral DevTools port (read from its stderr) and connects. */
    static HeadlessChromium launch(Path executable, Path profile) throws Exception {
        Process process = new ProcessBuilder(
                        executable.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        HeadlessChromium browser = new HeadlessChromium(process);
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader err = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = err.readLine()) != null; ) {
                            if (browser.log.length() < 64_000) {
                                browser.log.append(line).append('\n');
                            }
                            Matcher matcher = LISTENING.matcher(line);
                            if (matcher.find()) {
                                endpoint.complete(URI.create(matcher.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    endpoint.completeExceptionally(
                            new IllegalStateException("Chromium ended before listening:\n" + browser.log));
                },
                "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = endpoint.get(60, TimeUnit.SECONDS);
            browser.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, browser)
                    .get(20, TimeUnit.SECONDS);
            return browser;
        } catch (Exception e) {
            browser.close();
            throw e;
        }
    }

    /** A new tab at the address, after its load event. */
    Page open(String url) {
        String target = call(null, "Target.createTarget", params().put("url", "about:blank"))
                .get("targetId")
                .asText();
        String session = call(
                        null,
                        "Target.attachToTarget",
                        params().put("targetId", target).put("flatten", true))
                .get("sessionId")
                .asText();
        Page page = new Page(this, session);
        call(session, "Page.enable", params());
        call(session, "Runtime.enable", params());
        call(session, "Network.enable", params());
        JsonNode navigated = call(session, "Page.navigate", params().put("url", url));
        assertThat(navigated.has("errorText")).as("navigation to " + url).isFalse();
        page.waitFor("document.readyState === 'complete' && document.getElementById('status') !== null", "load");
        return page;
    }

    ObjectNode params() {
        return JSON.createObjectNode();
    }

    JsonNode call(String session, String method, ObjectNode params) {
        return call(session, method, params, Duration.ofSeconds(20));
    }

    JsonNode call(String session, String method, ObjectNode params, Duration timeout) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                throw new AssertionError(method + " failed: " + response.get("error"));
            }
            return response.get("result");
        } catch (Exception e) {
            throw new AssertionError(method + " got no answer: " + e + "\nChromium said:\n" + log, e);
        } finally {
            pending.remove(id);
        }
    }

    List<JsonNode> events(String session, String method) {
        return events.stream()
                .filter(event -> event.path("sessionId").asText().equals(session))
                .filter(event -> event.get("method").asText().equals(method))
                .toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer =
                            pending.get(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else {
                    events.add(message);
                }
            } catch (IOException e) {
                log.append("unreadable DevTools message: ").append(e).append('\n');
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        pending.values().forEach(answer -> answer.completeExceptionally(error));
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** One tab. */
    record Page(HeadlessChromium browser, String session) {

        /** Evaluates an expression (awaiting a promise) and returns its value. */
        JsonNode evaluate(String expression) {
            return evaluate(expression, Duration.ofSeconds(10));
        }

        private JsonNode evaluate(String expression, Duration timeout) {
            JsonNode result = browser.call(
                    session,
                    "Runtime.evaluate",
                    browser.params()
                            .put("expression", expression)
                            .put("returnByValue", true)
                            .put("awaitPromise", true),
                    timeout.plusSeconds(10));
            if (result.has("exceptionDetails")) {
                throw new AssertionError(result.get("exceptionDetails")
                        .path("exception")
                        .path("description")
                        .asText(result.get("exceptionDetails").toString()));
            }
            return result.get("result").path("value");
        }

        /** Waits, in the page, until the condition holds: checked on each change of the document. */
        void waitFor(String condition, String what) {
            waitFor(condition, what, DEFAULT_WAIT);
        }

        /** Waits, in the page, until the condition holds: checked on each change of the document. */
        void waitFor(String condition, String what, Duration wait) {
            String script = "new Promise((resolve, reject) => {"
                    + " const holds = () => { try { return Boolean(" + condition + "); } catch (e) { return false; } };"
                    + " if (holds()) { resolve(true); return; }"
                    + " const observer = new MutationObserver(() => {"
                    + "   if (holds()) { observer.disconnect(); clearTimeout(timer); resolve(true); } });"
                    + " observer.observe(document, {subtree: true, childList: true, characterData: true,"
                    + "   attributes: true});"
                    + " const timer = setTimeout(() => { observer.disconnect(); reject(new Error('Timed out after "
                    + wait.toMillis() + " ms waiting for " + what + "; the page shows:\\n'"
                    + "   + (document.body ? document.body.innerText.slice(0, 3000) : '(nothing)'))); }, "
                    + wait.toMillis() + ");"
                    + "})";
            evaluate(script, wait);
        }

        /** Every URL the page asked for. */
        List<String> requestedUrls() {
            return browser.events(session, "Network.requestWillBeSent").stream()
                    .map(event -> event.at("/params/request/url").asText())
                    .toList();
        }

        /** Uncaught script errors. */
        List<String> exceptions() {
            return browser.events(session, "Runtime.exceptionThrown").stream()
                    .map(event -> event.at("/params/exceptionDetails").toString())
                    .toList();
        }
    }
}
