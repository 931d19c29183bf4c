package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent SMTP clients (swaks, curl, Python's smtplib) against the running fat jar: failures
 * scripted through the admin API, everything read back through it, raw bytes compared exactly. A
 * test is skipped only when its tool is not installed; {@code .ci/run} installs them.
 */
@Timeout(120)
class ExternalClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    /** RCPT to blocked.example gets 550 5.1.1, every time. */
    private static final String BLOCKED_DOMAIN =
            "{\"on\": \"RCPT\", \"match\": {\"argument\": \"(?i).*@blocked\\\\.example.*\"},"
                    + " \"reply\": {\"code\": 550, \"enhanced\": \"5.1.1\", \"text\": [\"No such user\"]}}";
    /** The first end of data gets 451 4.3.0, the next ones the default 250. */
    private static final String FIRST_DELIVERY_LATER =
            "{\"on\": \"MESSAGE\", \"reply\": {\"code\": 451, \"enhanced\": \"4.3.0\", \"text\": [\"Try again later\"]},"
                    + " \"times\": 1}";

    private static Jar jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void startJar() throws Exception {
        jar = Jar.start();
    }

    @AfterAll
    static void stopJar() throws InterruptedException {
        if (jar != null) {
            jar.stop();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        assertThat(jar.post("/api/reset", "").statusCode()).isEqualTo(200);
    }

    @Test
    void the_jar_prints_where_it_listens_and_serves_the_api_and_the_web_view() throws Exception {
        assertThat(jar.output().get(0)).isEqualTo("SMTP listening on 127.0.0.1:" + jar.smtpPort);
        assertThat(jar.output().get(1)).isEqualTo("Admin API on " + jar.adminUrl);

        assertThat(jar.get("/api/health").body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> page = jar.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body())
                .startsWith("<!doctype html>")
                .contains("<title>TwoFifty: fake SMTP server</title>", "'api/messages'", "'api/sessions'")
                .as("self-contained: nothing loaded from elsewhere")
                .doesNotContain("http://", "https://");
    }

    @Test
    void swaks_delivers_exact_bytes_and_reports_a_scripted_rejection() throws Exception {
        assumeTrue(onPath("swaks"), "swaks is not installed (apt-get install swaks)");
        addRules("[" + BLOCKED_DOMAIN + "]");
        byte[] message = crlf(
                "From: Ann <ann@example.com>",
                "To: Bob <bob@example.com>",
                "Subject: via swaks",
                "",
                "before a lone dot",
                ".",
                ".leading dot",
                "after");
        // swaks quotes leading dots itself and takes a final "." line as the end of data.
        Path data = write("swaks.eml", concat(message, crlf(".")));

        Run delivered = swaks("bob@example.com", data);
        Run refused = swaks("nobody@blocked.example", data);
        Run partly = swaks("carl@example.com,nobody@blocked.example", data);

        assertThat(delivered.status()).as(delivered.output()).isZero();
        assertThat(delivered.output()).contains(" -> ..", " -> ..leading dot", "<-  250 2.0.0 OK: queued as ");
        assertThat(refused.status())
                .as("swaks: no RCPTs accepted. " + refused.output())
                .isEqualTo(24);
        assertThat(refused.output()).contains("<** 550 5.1.1 No such user");
        assertThat(partly.status()).as(partly.output()).isZero();
        assertThat(partly.output()).contains("<** 550 5.1.1 No such user", "<-  250 2.0.0 OK: queued as ");

        JsonNode messages = jar.json("/api/messages");
        assertThat(messages).hasSize(2);
        assertThat(texts(messages.get(0).get("recipients"))).containsExactly("bob@example.com");
        assertThat(texts(messages.get(1).get("recipients"))).containsExactly("carl@example.com");
        // Message ids go on across resets; swaks printed each one.
        assertThat(delivered.output())
                .contains("<-  250 2.0.0 OK: queued as " + messages.get(0).get("id") + "\n");
        assertThat(partly.output())
                .contains("<-  250 2.0.0 OK: queued as " + messages.get(1).get("id") + "\n");
        for (JsonNode received : messages) {
            assertThat(received.get("subject").asText()).isEqualTo("via swaks");
            assertThat(received.get("mailFrom").asText()).isEqualTo("ann@example.com");
            assertThat(latin1(jar.raw(received.get("id").asLong()))).isEqualTo(latin1(message));
        }
        JsonNode sessions = jar.json("/api/sessions");
        assertThat(texts(sessions, "ehlo")).containsExactly("swaks.test", "swaks.test", "swaks.test");
        assertThat(texts(sessions, "endedBy")).containsExactly("QUIT", "QUIT", "QUIT");
        assertThat(transcript(sessions.get(1)))
                .containsSubsequence("C: RCPT TO:<nobody@blocked.example>", "S: 550 5.1.1 No such user", "C: QUIT");
        assertThat(sessions.get(1).get("transactions").get(0).get("outcome").asText())
                .isEqualTo("ABORTED");
        assertThat(jar.json("/api/rules").get(0).get("timesFired").asInt()).isEqualTo(2);
    }

    @Test
    void curl_uploads_exact_bytes_and_fails_on_scripted_replies() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed (apt-get install curl)");
        addRules("[" + BLOCKED_DOMAIN + ", " + FIRST_DELIVERY_LATER + "]");
        byte[] message = crlf(
                "From: ann@example.com",
                "To: bob@example.com",
                "Subject: via curl",
                "",
                "curl quotes leading dots:",
                ".",
                ".. two",
                "end");
        Path file = write("curl.eml", message);
        // The URL's path is the EHLO name.
        List<String> curl = List.of(
                "curl",
                "--silent",
                "--show-error",
                "--max-time",
                "20",
                "smtp://127.0.0.1:" + jar.smtpPort + "/curl.test",
                "--mail-from",
                "ann@example.com",
                "--mail-rcpt",
                "bob@example.com",
                "--mail-rcpt",
                "nobody@blocked.example",
                "--upload-file",
                file.toString());

        Run refused = run(curl);
        Run later = run(concat(curl, "--mail-rcpt-allowfails"));
        Run delivered = run(concat(curl, "--mail-rcpt-allowfails"));

        assertThat(refused.status()).as("CURLE_SEND_ERROR. " + refused.output()).isEqualTo(55);
        assertThat(refused.output()).contains("RCPT failed: 550");
        assertThat(later.status())
                .as("CURLE_WEIRD_SERVER_REPLY, curl's status for a refused end of data. " + later.output())
                .isEqualTo(8);
        assertThat(delivered.status()).as(delivered.output()).isZero();

        JsonNode messages = jar.json("/api/messages");
        assertThat(messages).hasSize(1);
        JsonNode received = messages.get(0);
        assertThat(received.get("subject").asText()).isEqualTo("via curl");
        assertThat(texts(received.get("recipients"))).containsExactly("bob@example.com");
        assertThat(received.at("/envelope/mailParameters/SIZE").asText()).isEqualTo(String.valueOf(message.length));
        assertThat(latin1(jar.raw(received.get("id").asLong()))).isEqualTo(latin1(message));

        JsonNode sessions = jar.json("/api/sessions");
        assertThat(texts(sessions, "ehlo")).containsExactly("curl.test", "curl.test", "curl.test");
        assertThat(sessions)
                .extracting(session -> session.at("/transactions/0/outcome").asText())
                .containsExactly("ABORTED", "REJECTED", "ACCEPTED");
        assertThat(sessions.get(1).at("/transactions/0/finalReply").toString())
                .isEqualTo("{\"code\":451,\"enhanced\":\"4.3.0\",\"text\":[\"Try again later\"]}");
        assertThat(sessions.get(2).at("/transactions/0/messageId").asLong())
                .isEqualTo(received.get("id").asLong());
        assertThat(jar.json("/api/rules"))
                .extracting(rule -> rule.get("on").asText() + " fired "
                        + rule.get("timesFired").asInt())
                .containsExactlyInAnyOrder("RCPT fired 3", "MESSAGE fired 1");
    }

    @Test
    void python_smtplib_sends_exact_bytes_and_sees_scripted_failures() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        addRules("[" + BLOCKED_DOMAIN + ", " + FIRST_DELIVERY_LATER + "]");
        byte[] message = concat(
                crlf(
                        "From: ann@example.com",
                        "To: bob@example.com",
                        "Subject: via smtplib",
                        "Content-Type: text/plain; charset=utf-8",
                        "Content-Transfer-Encoding: 8bit",
                        ""),
                "Grüße aus Köln\r\n.\r\n.leading dot\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("python.eml", message);

        Run allRefused = python("nobody@blocked.example", file);
        Run later = python("bob@example.com,nobody@blocked.example", file);
        Run delivered = python("bob@example.com,nobody@blocked.example", file);

        assertThat(allRefused.status()).as(allRefused.output()).isEqualTo(69);
        assertThat(allRefused.output().strip())
                .isEqualTo("{\"error\": \"SMTPRecipientsRefused\","
                        + " \"refused\": {\"nobody@blocked.example\": [550, \"5.1.1 No such user\"]}}");
        assertThat(later.status()).as(later.output()).isEqualTo(75);
        assertThat(later.output().strip())
                .isEqualTo("{\"error\": \"SMTPDataError\", \"code\": 451, \"message\": \"4.3.0 Try again later\"}");
        assertThat(delivered.status()).as(delivered.output()).isZero();
        assertThat(delivered.output().strip())
                .isEqualTo("{\"refused\": {\"nobody@blocked.example\": [550, \"5.1.1 No such user\"]}}");

        JsonNode messages = jar.json("/api/messages");
        assertThat(messages).hasSize(1);
        long id = messages.get(0).get("id").asLong();
        assertThat(latin1(jar.raw(id))).isEqualTo(latin1(message));
        JsonNode detail = jar.json("/api/messages/" + id);
        assertThat(detail.at("/envelope/mailParameters").toString())
                .isEqualTo("{\"SIZE\":\"" + message.length + "\",\"BODY\":\"8BITMIME\"}");
        assertThat(texts(detail.get("recipients"))).containsExactly("bob@example.com");
        assertThat(detail.get("textBody").asText()).isEqualTo("Grüße aus Köln\r\n.\r\n.leading dot\r\n");

        JsonNode sessions = jar.json("/api/sessions");
        assertThat(texts(sessions, "ehlo")).containsExactly("python.test", "python.test", "python.test");
        assertThat(texts(sessions, "endedBy")).containsExactly("QUIT", "QUIT", "QUIT");
        assertThat(transcript(sessions.get(1)))
                .containsSubsequence(
                        "C: mail FROM:<ann@example.com> size=" + message.length + " BODY=8BITMIME",
                        "C: rcpt TO:<bob@example.com>",
                        "C: rcpt TO:<nobody@blocked.example>",
                        "S: 550 5.1.1 No such user",
                        "C: data",
                        "S: 451 4.3.0 Try again later",
                        "C: rset");
    }

    private Run swaks(String to, Path data) throws Exception {
        return run(
                "swaks",
                "--server",
                "127.0.0.1:" + jar.smtpPort,
                "--ehlo",
                "swaks.test",
                "--from",
                "ann@example.com",
                "--to",
                to,
                "--data",
                "@" + data,
                "--timeout",
                "20");
    }

    /** Python's smtplib in a small script: prints the outcome as JSON; exit 0, 75 (4xx) or 69 (5xx). */
    private Run python(String recipients, Path message) throws Exception {
        String script = String.join(
                "\n",
                "import json, smtplib, sys",
                "host, port, sender, recipients, path = sys.argv[1], int(sys.argv[2]), sys.argv[3],"
                        + " sys.argv[4].split(','), sys.argv[5]",
                "data = open(path, 'rb').read()",
                "show = lambda refused: {r: [c, m.decode()] for r, (c, m) in refused.items()}",
                "try:",
                "    with smtplib.SMTP(host, port, local_hostname='python.test', timeout=20) as smtp:",
                "        refused = smtp.sendmail(sender, recipients, data, mail_options=['BODY=8BITMIME'])",
                "except smtplib.SMTPRecipientsRefused as e:",
                "    print(json.dumps({'error': 'SMTPRecipientsRefused', 'refused': show(e.recipients)}))",
                "    sys.exit(69)",
                "except smtplib.SMTPResponseException as e:",
                "    print(json.dumps({'error': type(e).__name__, 'code': e.smtp_code,"
                        + " 'message': e.smtp_error.decode()}))",
                "    sys.exit(75 if 400 <= e.smtp_code < 500 else 69)",
                "print(json.dumps({'refused': show(refused)}))");
        return run(
                "python3",
                "-c",
                script,
                "127.0.0.1",
                String.valueOf(jar.smtpPort),
                "ann@example.com",
                recipients,
                message.toString());
    }

    // =====================================================================================
    // Helpers

    private static void addRules(String json) throws Exception {
        HttpResponse<String> response = jar.post("/api/rules", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private record Run(int status, String output) {}

    private Run run(String... command) throws Exception {
        return run(List.of(command));
    }

    /** Runs a tool with a time limit; its output and errors together, as text. */
    private Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(
                    command.get(0) + " did not finish in " + TOOL_TIMEOUT + ":\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static boolean onPath(String tool) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, tool)));
    }

    private static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    /** Bytes as text, one char per byte: exact, and readable in a failure. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
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

    /** The lines of a session's transcript as "C: ..." and "S: ...". */
    private static List<String> transcript(JsonNode session) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : session.get("transcript")) {
            if (entry.get("kind").asText().equals("line")) {
                lines.add((entry.get("from").asText().equals("client") ? "C: " : "S: ")
                        + entry.get("line").asText());
            }
        }
        return lines;
    }

    // =====================================================================================
    // The running jar

    /** {@code java -jar twofifty-standalone.jar --smtp-port 0 --admin-port 0}, with its start-up lines read. */
    private static final class Jar {
        private static final Pattern SMTP = Pattern.compile("SMTP listening on 127\\.0\\.0\\.1:(\\d+)");
        private static final Pattern ADMIN = Pattern.compile("Admin API on (http://127\\.0\\.0\\.1:\\d+)");

        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();
        private int smtpPort;
        private String adminUrl;

        private Jar(Process process) {
            this.process = process;
        }

        static Jar start() throws Exception {
            Path jarFile = Path.of(System.getProperty("twofifty.standalone.jar", "target/twofifty-standalone.jar"));
            assertThat(jarFile)
                    .as("the fat jar, built by 'package' before the ITs")
                    .isRegularFile();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(
                            java.toString(), "-jar", jarFile.toString(), "--smtp-port", "0", "--admin-port", "0")
                    .redirectErrorStream(true)
                    .start();
            Jar jar = new Jar(process);
            CompletableFuture<Void> started = new CompletableFuture<>();
            // Reads (and keeps) everything the jar prints, so its pipe never fills up.
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                jar.output.add(line);
                                Matcher smtp = SMTP.matcher(line);
                                Matcher admin = ADMIN.matcher(line);
                                if (smtp.matches()) {
                                    jar.smtpPort = Integer.parseInt(smtp.group(1));
                                } else if (admin.matches()) {
                                    jar.adminUrl = admin.group(1);
                                    started.complete(null);
                                }
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                        started.completeExceptionally(
                                new IllegalStateException("The jar ended before it started: " + jar.output));
                    },
                    "twofifty-jar-output");
            reader.setDaemon(true);
            reader.start();
            try {
                started.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                jar.stop();
                throw new AssertionError("The jar did not print where it listens: " + jar.output, e);
            }
            return jar;
        }

        List<String> output() {
            return output;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return HTTP.send(
                    request(path)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode())
                    .as("GET " + path + ": " + response.body())
                    .isEqualTo(200);
            return JSON.readTree(response.body());
        }

        byte[] raw(long id) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = HTTP.send(
                    request("/api/messages/" + id + "/raw").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("message/rfc822");
            return response.body();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(10));
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
