package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.AuthMechanism;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.Strictness;
import dev.twofifty.tls.TlsConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(20)
class ServeCommandTest {

    private static ServerConfig configOf(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.toConfig();
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void defaults_match_the_documented_contract() {
        ServerConfig config = configOf();

        assertThat(config.port()).isEqualTo(2525);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.smtpsPort()).isEqualTo(ServerConfig.NO_PORT);
        assertThat(config.isEnabled(SmtpExtension.STARTTLS)).isFalse();
        assertThat(config.isEnabled(SmtpExtension.AUTH)).isFalse();
        assertThat(config.strictness()).isEqualTo(Strictness.STRICT);
    }

    @Test
    void every_option_reaches_the_server_configuration() {
        ServerConfig config = configOf(
                "--smtp-port",
                "0",
                "--smtps-port",
                "0",
                "--bind",
                "127.0.0.1",
                "--hostname",
                "mx.test",
                "--tls",
                "--auth",
                "ann:secret",
                "--auth",
                "bob:pa:ss",
                "--require-auth",
                "--require-tls",
                "--max-message-size",
                "1234",
                "--lenient",
                "--disable",
                "chunking");

        assertThat(config.port()).isZero();
        assertThat(config.smtpsPort()).isZero();
        assertThat(config.hostname()).isEqualTo("mx.test");
        assertThat(config.isEnabled(SmtpExtension.STARTTLS)).isTrue();
        assertThat(config.tls()).isEqualTo(TlsConfig.generated());
        assertThat(config.credentials()).containsEntry("ann", "secret").containsEntry("bob", "pa:ss");
        assertThat(config.authMechanisms()).containsExactlyInAnyOrder(AuthMechanism.values());
        assertThat(config.requireAuth()).isTrue();
        assertThat(config.requireTls()).isTrue();
        assertThat(config.limits().maxMessageSize()).isEqualTo(1234);
        assertThat(config.strictness()).isEqualTo(Strictness.LENIENT);
        assertThat(config.isEnabled(SmtpExtension.CHUNKING)).isFalse();
    }

    @Test
    void start_prints_where_it_listens_and_serves_smtp() throws Exception {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--smtp-port", "0", "--smtps-port", "0", "--admin-port", "0");
        StringWriter out = new StringWriter();

        try (ServeCommand.Running running = command.start(new PrintWriter(out, true));
                Socket socket =
                        new Socket(running.server().host(), running.server().port())) {
            FakeSmtpServer server = running.server();
            socket.setSoTimeout(5000);
            String greeting = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(out.toString())
                    .isEqualTo("SMTP listening on 127.0.0.1:" + server.port() + System.lineSeparator()
                            + "Admin API on http://127.0.0.1:" + running.admin().port() + System.lineSeparator()
                            + "SMTPS listening on 127.0.0.1:" + server.smtpsPort() + System.lineSeparator());
            assertThat(greeting).isEqualTo("220 localhost ESMTP TwoFifty ready");
        }
    }

    @Test
    void the_log_shows_messages_sessions_and_near_misses() throws Exception {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--smtp-port", "0", "--admin-port", "-1");
        StringWriter out = new StringWriter();

        try (ServeCommand.Running running = command.start(new PrintWriter(out, true))) {
            FakeSmtpServer server = running.server();
            server.stubFor(dev.twofifty.script.Rules.onRcptTo(dev.twofifty.script.Matchers.domain("blocked.example"))
                    .willReply(550, "5.1.1", "No such user"));
            try (Socket socket = new Socket(server.host(), server.port())) {
                socket.setSoTimeout(5000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                var writer = socket.getOutputStream();
                in.readLine();
                writer.write(("HELO log.example\r\nMAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n"
                                + "DATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 4; i++) {
                    in.readLine();
                }
                writer.write("Subject: logged\r\n\r\nhi\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("250 ");
                assertThat(in.readLine()).startsWith("221 ");
            }
            server.journal().awaitEndedSessions(1, java.time.Duration.ofSeconds(5));
        }

        assertThat(out.toString().lines())
                .containsSubsequence(
                        "no rule matched RCPT TO:<bob@example.org> (session 1); closest:",
                        "  rule r1 on RCPT where domain is \"blocked.example\" → reply 550 5.1.1 No such user",
                        "    domain: expected \"blocked.example\" but was <bob@example.org>",
                        "message 1 accepted in session 1: from <ann@example.com> to [bob@example.org], 23 octets,"
                                + " subject \"logged\"")
                .anySatisfy(line -> assertThat(line)
                        .matches("session 1 from 127\\.0\\.0\\.1:\\d+ ended \\(QUIT\\), 1"
                                + " message, 1 client violation"));
    }

    @Test
    void quiet_logs_only_the_listening_lines() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--smtp-port", "0", "--admin-port", "-1", "--quiet");
        StringWriter out = new StringWriter();

        try (ServeCommand.Running running = command.start(new PrintWriter(out, true))) {
            FakeSmtpServer server = running.server();
            MiniSend.oneMessage(server.host(), server.port());
            server.journal().awaitEndedSessions(1, java.time.Duration.ofSeconds(5));
        }

        assertThat(out.toString().lines()).singleElement().asString().startsWith("SMTP listening on 127.0.0.1:");
    }

    @Test
    void a_rules_file_is_loaded_at_start(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("rules.json");
        java.nio.file.Files.writeString(
                file,
                "[{\"on\": \"MAIL\", \"reply\": {\"code\": 451, \"enhanced\": \"4.3.0\", \"text\": \"Later\"}},"
                        + " {\"on\": \"RCPT\", \"fault\": {\"type\": \"CLOSE\"}}]");
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--smtp-port", "0", "--admin-port", "-1", "--rules", file.toString());
        StringWriter out = new StringWriter();

        try (ServeCommand.Running running = command.start(new PrintWriter(out, true))) {
            assertThat(running.server().rules()).hasSize(2);
            assertThat(out.toString()).contains("Loaded 2 rules from " + file);
        }
    }

    @Test
    void a_bad_rules_file_fails_the_start_naming_the_file_position_and_field(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("bad.json");
        java.nio.file.Files.writeString(file, "[\n  {\"on\": \"MAIL\",\n   \"reply\": {\"code\": 99}}\n]");

        Run run = run("--smtp-port", "0", "--admin-port", "0", "--rules", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .contains("--rules: " + file + ": line 2, column 3: rule 1: [0].reply.code: must be 200 to 599 but"
                        + " was 99");
        assertThat(run.out()).doesNotContain("SMTP listening");
    }

    @Test
    void a_repeated_option_takes_the_last_value_so_an_image_default_can_be_overridden() {
        ServeCommand command = new ServeCommand();
        Main.commandLine(command, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs("--bind", "0.0.0.0", "--smtp-port", "0", "--bind", "127.0.0.1");

        assertThat(command.toConfig().bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void an_admin_port_out_of_range_exits_2() {
        Run run = run("--smtp-port", "0", "--admin-port", "70000");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--admin-port must be 0 (ephemeral) to 65535, or -1 (off), but was 70000");
    }

    @Test
    void help_lists_every_option_and_exits_0() {
        Run run = run("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains(
                        "--smtp-port",
                        "--smtps-port",
                        "--bind",
                        "--tls",
                        "--tls-cert",
                        "--tls-key",
                        "--auth",
                        "--require-auth",
                        "--require-tls",
                        "--max-message-size",
                        "--lenient",
                        "--admin-port",
                        "--admin-token",
                        "--rules",
                        "--help");
    }

    @Test
    void an_unknown_option_exits_2_and_says_which() {
        Run run = run("--smtp-prot", "25");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("'--smtp-prot'", "Possible solutions: --smtp-port");
    }

    @Test
    void credentials_without_a_colon_exit_2_with_an_example() {
        Run run = run("--smtp-port", "0", "--auth", "ann");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--auth needs USER:PASS, for example --auth ann:secret");
    }

    @Test
    void require_tls_without_tls_exits_2_and_explains() {
        Run run = run("--smtp-port", "0", "--require-tls");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("requireTls needs a way to get TLS");
    }

    @Test
    void a_certificate_without_a_key_exits_2() {
        Run run = run("--smtp-port", "0", "--tls-cert", "cert.pem");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void a_port_in_use_exits_1_and_names_it() throws Exception {
        try (FakeSmtpServer busy = FakeSmtpServer.start()) {
            Run run = run("--smtp-port", String.valueOf(busy.port()), "--admin-port", "0");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("Cannot start: Cannot listen on 127.0.0.1:" + busy.port());
        }
    }
}
