package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The web view ({@code GET /}) in a real browser: headless Chromium driven over the DevTools
 * protocol (a WebSocket from the JDK), against the server started in-process. Skipped when no
 * Chromium is installed; {@code .ci/run} installs it.
 */
@Timeout(120)
class WebViewIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A subject and body that would run script if the page ever put them in as HTML. */
    private static final String HOSTILE_SUBJECT = "<img src=x onerror=\"window.__injected=1\"> Invoice & \"terms\"";

    private static final String FIRST_MESSAGE = "From: Ann <ann@example.com>\r\n"
            + "To: bob@example.com\r\n"
            + "Subject: " + HOSTILE_SUBJECT + "\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Grüße, Bob\r\n"
            + ".a line that starts with a dot\r\n"
            + "<script>window.__injected=2</script><b>not bold</b>\r\n";

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isPresent()) {
            browser = HeadlessChromium.launch(chromium.get(), profile);
        }
    }

    @BeforeEach
    void needsBrowser() {
        assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium); skipping the web view");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    // =====================================================================================
    // Tests

    @Test
    void shows_sessions_and_messages_and_follows_new_ones_without_a_reload() throws Exception {
        try (ServeCommand.Running running = serve()) {
            int smtpPort = running.server().port();
            String base = "http://127.0.0.1:" + running.admin().port();
            sendMessage(smtpPort, "web.test", "<ann@example.com> BODY=8BITMIME", "bob@example.com", FIRST_MESSAGE);
            badClient(smtpPort);
            running.server().journal().awaitEndedSessions(2, WAIT);

            HeadlessChromium.Page page = browser.open(base + "/");
            page.waitFor(
                    "document.querySelector('#message-1 .text-body')"
                            + " && document.querySelectorAll('#sessions > li').length === 2",
                    "the first message and both sessions");
            JsonNode view = snapshot(page);

            JsonNode message = view.get("messages").get(0);
            assertThat(view.get("messages")).hasSize(1);
            assertThat(message.get("id").asText()).isEqualTo("1");
            assertThat(message.get("subject").asText()).isEqualTo(HOSTILE_SUBJECT);
            assertThat(message.get("mailFrom").asText()).isEqualTo("<ann@example.com> BODY=8BITMIME");
            assertThat(texts(message.get("recipients"))).containsExactly("<bob@example.com>");
            assertThat(texts(message.get("headers")))
                    .containsExactly(
                            "From: Ann <ann@example.com>",
                            "To: bob@example.com",
                            "Subject: " + HOSTILE_SUBJECT,
                            "Content-Type: text/plain; charset=utf-8");
            assertThat(message.get("textBody").asText())
                    .isEqualTo(apiJson(base + "/api/messages/1").get("textBody").asText())
                    .contains("Grüße, Bob", ".a line that starts with a dot", "<script>window.__injected=2</script>");
            assertThat(message.get("rawHref").asText()).isEqualTo(base + "/api/messages/1/raw");
            assertThat(view.get("injectedElements").asInt()).isZero();
            assertThat(view.get("injected").isNull()).isTrue();

            JsonNode sessions = view.get("sessions");
            assertThat(texts(sessions, "id")).containsExactly("2", "1"); // newest first
            JsonNode good = sessions.get(1);
            JsonNode bad = sessions.get(0);
            assertThat(good.get("endedBy").asText()).isEqualTo("ended by QUIT");
            assertThat(texts(good.get("violations"))).isEmpty();
            assertThat(texts(good.get("transcript"))).containsExactlyElementsOf(expectedTranscript(base, 1));
            assertThat(texts(good.get("transcript")))
                    .containsSubsequence(
                            "client|C:|EHLO web.test",
                            "server|S:|250-localhost Hello web.test",
                            "client|C:|MAIL FROM:<ann@example.com> BODY=8BITMIME",
                            "server|S:|250 2.0.0 OK: queued as 1",
                            "client|C:|QUIT");
            assertThat(bad.get("endedBy").asText()).isEqualTo("ended by CLIENT_CLOSE");
            assertThat(texts(bad.get("violations"))).containsExactly("UNKNOWN_COMMAND", "CLOSED_WITHOUT_QUIT");
            assertThat(bad.get("summary").asText()).contains("2 violations");
            assertThat(texts(bad.get("transcript"))).containsExactlyElementsOf(expectedTranscript(base, 2));
            assertThat(view.get("error").isNull()).isTrue();
            assertThat(view.get("status").asText()).isEqualTo("1 message, 2 sessions");
            assertThat(view.get("updated").asText()).matches("updated .+ · refreshes every 2 s");

            // The page refreshes by itself: mark this document, open an item, and let a message arrive.
            page.evaluate(
                    "window.__sameDocument = true;" + " document.querySelector('#message-1 summary').click(); true");
            sendMessage(
                    smtpPort, "web.test", "<carl@example.com>", "dora@example.com", "Subject: Second\r\n\r\nhi\r\n");
            page.waitFor(
                    "document.querySelector('#message-2 .text-body')"
                            + " && document.querySelectorAll('#sessions > li').length === 3"
                            + " && document.querySelector('#session-3 .ended-by').textContent === 'ended by QUIT'",
                    "the second message and its session");
            JsonNode after = snapshot(page);

            assertThat(page.evaluate("window.__sameDocument === true").asBoolean())
                    .as("updated in place, not reloaded")
                    .isTrue();
            assertThat(texts(after.get("messages"), "subject")).containsExactly("Second", HOSTILE_SUBJECT);
            assertThat(texts(after.get("messages"), "open"))
                    .as("an opened item stays open")
                    .containsExactly("false", "true");
            assertThat(texts(after.get("messages").get(0).get("recipients"))).containsExactly("<dora@example.com>");
            assertThat(after.get("status").asText()).isEqualTo("2 messages, 3 sessions");
            assertThat(page.requestedUrls())
                    .isNotEmpty()
                    .allSatisfy(url -> assertThat(url)
                            .as("the page loads nothing from elsewhere")
                            .startsWith(base + "/"));
            assertThat(page.exceptions()).isEmpty();
        }
    }

    @Test
    void shows_a_clear_error_when_the_api_is_unreachable() throws Exception {
        try (ServeCommand.Running running = serve()) {
            sendMessage(
                    running.server().port(),
                    "web.test",
                    "<ann@example.com> BODY=8BITMIME",
                    "bob@example.com",
                    FIRST_MESSAGE);
            int adminPort = running.admin().port();
            HeadlessChromium.Page page = browser.open("http://127.0.0.1:" + adminPort + "/");
            page.waitFor("document.querySelector('#message-1')", "the message");
            assertThat(snapshot(page).get("error").isNull()).isTrue();

            // Also closes the page's kept-alive connection (it used to go on answering).
            running.admin().close();

            page.waitFor("!document.getElementById('error').hidden", "the error banner");
            JsonNode view = snapshot(page);
            assertThat(view.get("error").asText())
                    .startsWith("Cannot reach the admin API at http://127.0.0.1:" + adminPort)
                    .contains("Is the server still running?", "Showing what was there at ", "Trying again every 2 s.");
            assertThat(view.get("errorRole").asText()).isEqualTo("alert");
            assertThat(view.get("status").asText()).isEqualTo("Admin API unreachable");
            assertThat(texts(view.get("messages"), "id"))
                    .as("the last data stays visible")
                    .containsExactly("1");
            assertThat(page.exceptions()).isEmpty();
        }
    }

    @Test
    void sends_the_token_from_its_address_and_explains_a_missing_one() throws Exception {
        try (ServeCommand.Running running = serve("--admin-token", "s3cret/+token")) {
            String base = "http://127.0.0.1:" + running.admin().port();
            sendMessage(
                    running.server().port(),
                    "web.test",
                    "<ann@example.com> BODY=8BITMIME",
                    "bob@example.com",
                    FIRST_MESSAGE);

            HeadlessChromium.Page withToken = browser.open(base + "/?token=s3cret%2F%2Btoken");
            withToken.waitFor("document.querySelector('#message-1 .text-body')", "the message");
            withToken.evaluate("document.querySelector('#message-1 .raw-link').click(); true");
            withToken.waitFor("!document.querySelector('#message-1 pre.raw').hidden", "the raw message");
            assertThat(withToken
                            .evaluate("document.querySelector('#message-1 pre.raw').textContent")
                            .asText())
                    .as("the raw message, fetched with the token")
                    .isEqualTo(FIRST_MESSAGE);
            assertThat(snapshot(withToken).get("error").isNull()).isTrue();

            HeadlessChromium.Page withoutToken = browser.open(base + "/");
            withoutToken.waitFor("!document.getElementById('error').hidden", "the error banner");
            assertThat(snapshot(withoutToken).get("error").asText())
                    .startsWith("The admin API answered 401: This admin API needs the header")
                    .contains("Open this page with ?token=YOUR_TOKEN in its address.");
            assertThat(snapshot(withoutToken).get("messages")).isEmpty();
        }
    }

    // =====================================================================================
    // The server and its clients

    private static ServeCommand.Running serve(String... extra) {
        ServeCommand command = new ServeCommand();
        List<String> args = new ArrayList<>(List.of("--smtp-port", "0", "--admin-port", "0", "--quiet"));
        args.addAll(List.of(extra));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.start(new PrintWriter(new StringWriter(), true));
    }

    /** One transaction and QUIT, checking every reply; {@code mailFrom} is the argument after {@code FROM:}. */
    private static void sendMessage(int port, String ehlo, String mailFrom, String rcptTo, String content)
            throws IOException {
        try (SmtpConnection smtp = new SmtpConnection(port)) {
            smtp.expect("220");
            smtp.command("EHLO " + ehlo, "250");
            smtp.command("MAIL FROM:" + mailFrom, "250");
            smtp.command("RCPT TO:<" + rcptTo + ">", "250");
            smtp.command("DATA", "354");
            smtp.write(content.replaceAll("(?m)^\\.", "..") + ".\r\n"); // dot-stuffed
            smtp.expect("250");
            smtp.command("QUIT", "221");
        }
    }

    /** An unknown command, then a close without QUIT: two violations. */
    private static void badClient(int port) throws IOException {
        try (SmtpConnection smtp = new SmtpConnection(port)) {
            smtp.expect("220");
            smtp.command("BOGUS", "500");
        }
    }

    private static final class SmtpConnection implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        SmtpConnection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void command(String line, String code) throws IOException {
            write(line + "\r\n");
            expect(code);
        }

        void expect(String code) throws IOException {
            String line;
            do {
                line = in.readLine();
                assertThat(line).as("reply").isNotNull().startsWith(code);
            } while (line.charAt(3) == '-');
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static JsonNode apiJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The transcript of a session as the page should show it: class, marker and text of each line. */
    private static List<String> expectedTranscript(String base, long sessionId) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : apiJson(base + "/api/sessions/" + sessionId).get("transcript")) {
            String from = entry.get("from").asText();
            String line = entry.get("line").asText();
            lines.add(
                    switch (entry.get("kind").asText()) {
                        case "line" -> from + "|" + (from.equals("client") ? "C:" : "S:") + "|" + line;
                        case "content" -> "client content|C:|" + line;
                        default -> "event|--|" + line;
                    });
        }
        assertThat(lines).hasSizeGreaterThan(3);
        return lines;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get(field).asText()));
        return texts;
    }

    /** What the page shows, read from its DOM. */
    private static JsonNode snapshot(HeadlessChromium.Page page) {
        return page.evaluate("(() => {"
                + " const text = (el) => el ? el.textContent : null;"
                + " const all = (root, selector) => [...root.querySelectorAll(selector)];"
                + " const error = document.getElementById('error');"
                + " return {"
                + "  messages: all(document, '#messages > li').map((li) => ({"
                + "   id: li.dataset.messageId, open: li.querySelector('details').open,"
                + "   subject: text(li.querySelector('.subject')), mailFrom: text(li.querySelector('.mail-from')),"
                + "   recipients: all(li, '.recipients li').map(text),"
                + "   headers: all(li, '.headers tbody tr').map((tr) => text(tr.cells[0]) + ': ' + text(tr.cells[1])),"
                + "   textBody: text(li.querySelector('.text-body')), rawHref: li.querySelector('.raw-link').href })),"
                + "  sessions: all(document, '#sessions > li').map((li) => ({"
                + "   id: li.dataset.sessionId, summary: text(li.querySelector('summary')),"
                + "   endedBy: text(li.querySelector('.ended-by')),"
                + "   violations: all(li, '.violations li strong').map(text),"
                + "   transcript: all(li, '.transcript li').map((e) =>"
                + "     e.className + '|' + text(e.querySelector('.dir')) + '|' + text(e.querySelector('.line'))) })),"
                + "  injectedElements: document.querySelectorAll('main img, main script, main b').length,"
                + "  injected: window.__injected === undefined ? null : window.__injected,"
                + "  error: error.hidden ? null : error.textContent, errorRole: error.getAttribute('role'),"
                + "  status: text(document.getElementById('status')),"
                + "  updated: text(document.getElementById('updated'))"
                + " };"
                + "})()");
    }
}
