package dev.twofifty.standalone;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Matcher;
import dev.twofifty.script.Scope;
import dev.twofifty.standalone.internal.AdminServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the remote client does when things go wrong, and the parts that only a remote server has. */
@Timeout(30)
class RemoteFakeSmtpFailuresTest {

    private FakeSmtpServer server;
    private AdminServer admin;
    private RemoteFakeSmtp remote;
    private HttpServer fake;

    @AfterEach
    void stop() {
        if (remote != null) {
            remote.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.stop(0);
        }
    }

    private URI start(ServerConfig config, String token) {
        server = FakeSmtpServer.start(config);
        admin = AdminServer.start(server, "127.0.0.1", 0, token);
        return adminUri();
    }

    private URI adminUri() {
        return URI.create("http://127.0.0.1:" + admin.port());
    }

    private RemoteFakeSmtp connect() {
        remote = RemoteFakeSmtp.connect(start(ServerConfig.builder().build(), null));
        return remote;
    }

    /** A plain HTTP server that is not TwoFifty, answering every request with this status and body. */
    private URI fakeApi(int status, String contentType, String body) throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            // No keep-alive: once stopped, the server is gone for the client too.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        fake.start();
        return URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
    }

    // =====================================================================================
    // Rules

    @Test
    void an_invalid_rule_is_an_illegal_argument_naming_the_field() {
        RemoteFakeSmtp smtp = connect();

        assertThatThrownBy(() -> smtp.stubForJson("{\"on\": \"RCPT\", \"reply\": {\"code\": 700}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POST " + adminUri() + "/api/rules: 400 Bad Request: reply.code: must be 200 to 599 but"
                        + " was 700");
        assertThatThrownBy(() -> smtp.stubForJson("[{\"on\": \"MAIL\"}, {\"on\": \"RCTP\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("POST " + adminUri() + "/api/rules: 400 Bad Request: rule 2: ")
                .hasMessageContaining("on: ");
        assertThat(smtp.rules()).isEmpty();
    }

    @Test
    void a_request_whose_second_rule_conflicts_adds_none() {
        RemoteFakeSmtp smtp = connect();
        smtp.stubFor(onMail().inScenario("s").scoped(Scope.SENDER).willSetStateTo("x"));

        assertThatThrownBy(() ->
                        smtp.stubForJson("[{\"on\": \"RCPT\", \"times\": 1}, {\"on\": \"RCPT\", \"scenario\": \"s\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POST " + adminUri() + "/api/rules: 400 Bad Request: rule 2: [1].scope: Scenario \"s\" is"
                        + " kept per SENDER by rule r1, but this rule keeps it per SERVER; give all rules of a scenario"
                        + " the same scope");
        assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly("r1");
    }

    @Test
    void rules_of_a_json_text_are_added_in_order() {
        RemoteFakeSmtp smtp = connect();

        List<ActiveRule> added = smtp.stubForJson(
                "[{\"on\": \"MAIL\", \"reply\": {\"code\": 421, \"text\": \"Bye\"}}, {\"on\": \"RCPT\", \"times\": 1}]");

        assertThat(added).extracting(ActiveRule::id).containsExactly("r1", "r2");
        assertThat(added)
                .extracting(ActiveRule::rule)
                .containsExactly(onMail().willReply(421, "Bye"), onRcpt().times(1));
        assertThat(server.rules()).extracting(ActiveRule::id).containsExactly("r2", "r1");
    }

    @Test
    void a_rule_without_a_json_form_is_refused_before_sending() {
        RemoteFakeSmtp smtp = connect();

        assertThatThrownBy(() ->
                        smtp.stubFor(onMail().matching(new Matcher.LocalPartIs(Matcher.AddressRole.SENDER, "ann"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("This rule cannot be sent to a remote server: A local part matcher for the"
                        + " SENDER role has no JSON form");
        assertThat(server.rules()).isEmpty();
    }

    @Test
    void the_counts_of_a_removed_rule_are_a_404_naming_the_rule() {
        RemoteFakeSmtp smtp = connect();
        ActiveRule rule = smtp.stubFor(onMail().willReply(421, "Bye"));
        assertThat(rule.timesFired()).isZero();
        assertThat(rule.nearMisses()).isEmpty();

        assertThat(smtp.removeRule(rule.id())).isTrue();

        RemoteFakeSmtpException gone = catchThrowableOfType(rule::timesFired, RemoteFakeSmtpException.class);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.endpoint()).isEqualTo("GET " + adminUri() + "/api/rules/r1");
        assertThat(gone)
                .hasMessage("Rule r1 is no longer on the server (removed, or the rules were reset), so its counts are"
                        + " gone: GET " + adminUri() + "/api/rules/r1: 404 Not Found: No rule with id r1");
        assertThatThrownBy(rule::nearMisses).isInstanceOf(RemoteFakeSmtpException.class);
        assertThat(smtp.removeRule("no such/rule")).isFalse();
    }

    @Test
    void active_rules_are_values_of_their_client() {
        RemoteFakeSmtp smtp = connect();
        ActiveRule rule = smtp.stubFor(onMail().willReply(421, "4.3.2", "Bye"));

        assertThat(smtp.rules()).containsExactly(rule);
        assertThat(rule).hasToString("r1 on MAIL → reply 421 4.3.2 Bye");
        assertThat(rule.describeUnfired())
                .isEqualTo("Rule r1 on MAIL → reply 421 4.3.2 Bye never fired. No MAIL step" + " took place.");
    }

    // =====================================================================================
    // Reaching the server

    @Test
    void a_server_that_is_down_is_an_unchecked_io_exception_saying_so() throws Exception {
        URI uri = fakeApi(200, "application/json", "{\"smtpHost\": \"127.0.0.1\", \"smtpPort\": 2525}");
        remote = RemoteFakeSmtp.connect(uri);
        fake.stop(0);
        fake = null;

        UncheckedIOException later = catchThrowableOfType(remote::messages, UncheckedIOException.class);
        UncheckedIOException atConnect =
                catchThrowableOfType(() -> RemoteFakeSmtp.connect(uri), UncheckedIOException.class);

        assertThat(later)
                .hasMessageStartingWith("Cannot reach the TwoFifty admin API at " + uri + " (GET " + uri
                        + "/api/messages?raw=true): ConnectException")
                .hasMessageEndingWith("Is the standalone server running, and is this its 'Admin API on' address?");
        assertThat(later.getCause()).isInstanceOf(ConnectException.class);
        assertThat(atConnect)
                .hasMessageStartingWith("Cannot reach the TwoFifty admin API at " + uri + " (GET " + uri
                        + "/api/info): ConnectException");
    }

    @Test
    void the_token_is_required_when_the_server_has_one() {
        URI uri = start(ServerConfig.builder().build(), "s3cret");

        RemoteFakeSmtpException without =
                catchThrowableOfType(() -> RemoteFakeSmtp.connect(uri), RemoteFakeSmtpException.class);
        RemoteFakeSmtpException wrong = catchThrowableOfType(
                () -> RemoteFakeSmtp.connect(uri, RemoteOptions.DEFAULTS.withAdminToken("guess")),
                RemoteFakeSmtpException.class);
        remote = RemoteFakeSmtp.connect(uri, RemoteOptions.DEFAULTS.withAdminToken("s3cret"));

        assertThat(without.status()).isEqualTo(401);
        assertThat(without.endpoint()).isEqualTo("GET " + uri + "/api/info");
        assertThat(without)
                .hasMessage("GET " + uri + "/api/info: 401 Unauthorized: This admin API needs the header"
                        + " 'Authorization: Bearer <token>' (see --admin-token). Give the token with"
                        + " RemoteOptions.withAdminToken(...)");
        assertThat(wrong)
                .hasMessageEndingWith(
                        ". The token given with RemoteOptions.withAdminToken(...) is not the server's --admin-token");
        ActiveRule rule = remote.stubFor(onMail().willReply(421, "Bye"));
        assertThat(rule.timesFired()).isZero();
        assertThat(remote.rules()).containsExactly(rule);
    }

    @Test
    void an_answer_that_is_not_the_api_is_named_as_such() throws Exception {
        URI uri = fakeApi(200, "text/html", "<html>It works!</html>");

        RemoteFakeSmtpException failure =
                catchThrowableOfType(() -> RemoteFakeSmtp.connect(uri), RemoteFakeSmtpException.class);

        assertThat(failure.status()).isZero();
        assertThat(failure)
                .hasMessage("GET " + uri + "/api/info: the answer is not JSON; is " + uri + " the admin API of a"
                        + " TwoFifty standalone server of this version?");
    }

    @Test
    void an_error_page_is_quoted() throws Exception {
        URI uri = fakeApi(404, "text/plain", "no such thing here");

        assertThatThrownBy(() -> RemoteFakeSmtp.connect(uri))
                .isInstanceOf(RemoteFakeSmtpException.class)
                .hasMessage("GET " + uri + "/api/info: 404 Not Found: no such thing here");
    }

    @Test
    void a_server_that_does_not_answer_times_out_after_the_request_timeout() throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {}); // never answers
        fake.start();
        URI uri = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());

        UncheckedIOException failure = catchThrowableOfType(
                () -> RemoteFakeSmtp.connect(uri, RemoteOptions.DEFAULTS.withRequestTimeout(Duration.ofMillis(300))),
                UncheckedIOException.class);

        assertThat(failure)
                .hasMessageStartingWith("GET " + uri + "/api/info: no answer within 300 ms (RemoteOptions"
                        + ".requestTimeout is 300 ms)");
        assertThat(failure.getCause()).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void only_http_admin_uris_are_accepted() {
        assertThatThrownBy(() -> RemoteFakeSmtp.connect(URI.create("smtp://127.0.0.1:2525")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The admin URI must be http://HOST:PORT or https://HOST:PORT");
    }

    @Test
    void a_wait_longer_than_the_server_allows_is_an_illegal_argument() {
        RemoteFakeSmtp smtp = connect();

        assertThatThrownBy(() -> smtp.awaitMessages(1, Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(": 400 Bad Request: timeoutMs: must be 0 to 3600000 but was 7200000");
    }

    // =====================================================================================
    // Where mail goes

    @Test
    void the_smtp_address_comes_from_the_server_and_can_be_overridden() throws Exception {
        URI uri = fakeApi(
                200,
                "application/json",
                "{\"smtpHost\": \"0.0.0.0\", \"smtpPort\": 2525, \"smtpsPort\": 465, \"version\": \"9.9.9\"}");

        try (RemoteFakeSmtp wildcard = RemoteFakeSmtp.connect(uri);
                RemoteFakeSmtp overridden = RemoteFakeSmtp.connect(
                        uri, RemoteOptions.DEFAULTS.withSmtpHost("mail.test").withSmtpPort(2600))) {
            assertThat(wildcard.host()).isEqualTo("127.0.0.1");
            assertThat(wildcard.port()).isEqualTo(2525);
            assertThat(wildcard.smtpsPort()).isEqualTo(465);
            assertThat(wildcard.serverVersion()).isEqualTo("9.9.9");
            assertThat(wildcard.adminUri()).isEqualTo(uri);
            assertThat(overridden.host()).isEqualTo("mail.test");
            assertThat(overridden.port()).isEqualTo(2600);
            assertThat(overridden).hasToString("RemoteFakeSmtp[admin " + uri + ", SMTP mail.test:2600]");
        }
    }

    @Test
    void the_info_endpoint_says_where_smtp_listens() throws Exception {
        URI uri = start(ServerConfig.builder().smtpsPort(0).build(), null);
        remote = RemoteFakeSmtp.connect(uri);

        HttpResponse<String> info = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri.resolve("/api/info")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body())
                .isEqualTo("{\"smtpHost\":\"127.0.0.1\",\"smtpPort\":" + server.port() + ",\"smtpsPort\":"
                        + server.smtpsPort() + ",\"version\":null}");
        assertThat(remote.smtpsPort()).isEqualTo(server.smtpsPort());
        assertThat(remote.serverVersion()).isNull();
    }

    @Test
    void a_server_without_implicit_tls_has_no_smtps_port() {
        RemoteFakeSmtp smtp = connect();

        assertThatThrownBy(smtp::smtpsPort)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The server at " + adminUri() + " has no implicit-TLS port: start it with --smtps-port");
    }

    // =====================================================================================
    // Content and life cycle

    @Test
    void eight_bit_content_arrives_byte_for_byte() throws Exception {
        RemoteFakeSmtp smtp = connect();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write("Subject: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        content.write(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0x00, (byte) 0xFF, '\r', '\n'});
        try (Socket socket = new Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(5000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("HELO raw.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                in.readLine();
            }
            out.write(content.toByteArray());
            out.write(".\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250 ");
        }

        ReceivedMessage message = smtp.journal().message(1).orElseThrow();

        assertThat(message.raw()).isEqualTo(content.toByteArray());
        assertThat(smtp.messages())
                .singleElement()
                .extracting(ReceivedMessage::raw)
                .isEqualTo(content.toByteArray());
    }

    @Test
    void closing_cancels_pending_waits_and_refuses_further_calls() {
        RemoteFakeSmtp smtp = connect();
        CompletableFuture<List<ReceivedMessage>> pending = smtp.journal().whenMessages(1);

        smtp.close();
        smtp.close();

        assertThat(pending).isCancelled();
        assertThatThrownBy(smtp::rules)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("This RemoteFakeSmtp for " + adminUri() + " is closed");
        assertThatThrownBy(() -> smtp.journal().whenEndedSessions(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("This RemoteFakeSmtp for " + adminUri() + " is closed");
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void options_are_checked_and_hide_the_token() {
        assertThatThrownBy(() -> RemoteOptions.DEFAULTS.withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> RemoteOptions.DEFAULTS.withSmtpPort(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("smtpPort must be 1 to 65535 but was 0");
        assertThat(RemoteOptions.DEFAULTS.withAdminToken("s3cret"))
                .hasToString("RemoteOptions[adminToken=****, requestTimeout=PT10S, smtpHost=null, smtpPort=null]");
    }
}
