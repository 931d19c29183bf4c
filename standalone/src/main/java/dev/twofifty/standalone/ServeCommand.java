package dev.twofifty.standalone;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.Strictness;
import dev.twofifty.script.Rule;
import dev.twofifty.standalone.internal.AdminServer;
import dev.twofifty.tls.TlsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the fake SMTP server until the process is stopped. */
@Command(
        name = "twofifty",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = ConformanceCommand.class,
        description = {
            "A fake SMTP server for tests: a conformant ESMTP receiver that records every session and message.",
            ""
        },
        footer = {
            "",
            "On start it prints 'SMTP listening on HOST:PORT' and 'Admin API on http://HOST:PORT' (and 'SMTPS",
            "listening on HOST:PORT'), one line each.",
            "'twofifty conformance --help' tells how to run the conformance catalogue against an SMTP client.",
            "Exit status: 0 after a normal stop, 1 when the server cannot start, 2 for invalid options."
        })
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--smtp-port",
            paramLabel = "PORT",
            defaultValue = "2525",
            description = "SMTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(
            names = "--smtps-port",
            paramLabel = "PORT",
            description = "Also listen for implicit TLS (RFC 8314) on this port; 0 picks a free one.")
    Integer smtpsPort;

    @Option(
            names = "--admin-port",
            paramLabel = "PORT",
            defaultValue = "8025",
            description = "Admin HTTP API port; 0 picks a free one, -1 turns the API off (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on the admin API (all but /api/health).")
    String adminToken;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "Load rules from this JSON file (one rule or an array) at start.")
    Path rulesFile;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--hostname",
            paramLabel = "NAME",
            defaultValue = "localhost",
            description = "Name in the greeting and EHLO reply (default: ${DEFAULT-VALUE}).")
    String hostname;

    @Option(names = "--tls", description = "Offer STARTTLS, with a generated certificate unless --tls-cert is given.")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for TLS.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key for TLS.")
    Path tlsKey;

    @Option(
            names = "--auth",
            paramLabel = "USER:PASS",
            description = "Accept these credentials for AUTH (repeatable); turns AUTH on.")
    List<String> credentials = new ArrayList<>();

    @Option(names = "--require-auth", description = "MAIL needs a successful AUTH first (530 5.7.0).")
    boolean requireAuth;

    @Option(names = "--require-tls", description = "Mail commands need TLS first (530 5.7.0).")
    boolean requireTls;

    @Option(
            names = "--max-message-size",
            paramLabel = "OCTETS",
            description = "Largest message accepted; advertised with SIZE (default: 10240000).")
    Long maxMessageSize;

    @Option(names = "--lenient", description = "Accept bare LF line endings and overlong lines (still recorded).")
    boolean lenient;

    @Option(
            names = "--disable",
            paramLabel = "EXTENSION",
            description = "Do not offer this extension (repeatable): ${COMPLETION-CANDIDATES}.")
    List<SmtpExtension> disabled = new ArrayList<>();

    @Option(names = "--quiet", description = "Do not log messages, sessions and unmatched steps.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        Running running = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.close();
                            stopped.countDown();
                        },
                        "twofifty-shutdown"));
        stopped.await();
        return 0;
    }

    /** The running server and its admin API; closing stops both. */
    record Running(FakeSmtpServer server, AdminServer admin) implements AutoCloseable {
        @Override
        public void close() {
            if (admin != null) {
                admin.close();
            }
            server.close();
        }
    }

    /** Starts the server (and its admin API) and prints where they listen; the caller stops them. */
    Running start(PrintWriter out) {
        ServerConfig config = toConfig();
        List<Rule> rules = loadRules();
        FakeSmtpServer server = FakeSmtpServer.start(config);
        AdminServer admin = null;
        try {
            rules.forEach(server::stubFor);
            if (adminPort >= 0) {
                admin = AdminServer.start(server, bind, adminPort, adminToken);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        out.println("SMTP listening on " + server.host() + ":" + server.port());
        if (admin != null) {
            out.println("Admin API on http://" + hostForUrl(admin.host()) + ":" + admin.port());
        }
        if (smtpsPort != null) {
            out.println("SMTPS listening on " + server.host() + ":" + server.smtpsPort());
        }
        if (!rules.isEmpty()) {
            out.println("Loaded " + rules.size() + (rules.size() == 1 ? " rule" : " rules") + " from " + rulesFile);
        }
        out.flush();
        if (!quiet) {
            server.addListener(new ConsoleLog(out));
        }
        return new Running(server, admin);
    }

    private List<Rule> loadRules() {
        if (rulesFile == null) {
            return List.of();
        }
        requireReadable(rulesFile, "--rules");
        try {
            return RuleJson.parse(Files.readString(rulesFile), rulesFile.toString());
        } catch (RuleJson.RuleJsonException e) {
            throw new ParameterException(spec.commandLine(), "--rules: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(), "--rules: cannot read " + rulesFile + ": " + e.getMessage(), e);
        }
    }

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The server configuration the options describe. */
    ServerConfig toConfig() {
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindAddress(bind)
                .port(smtpPort)
                .hostname(hostname)
                .requireAuth(requireAuth)
                .requireTls(requireTls)
                .strictness(lenient ? Strictness.LENIENT : Strictness.STRICT);
        if (smtpsPort != null) {
            builder.smtpsPort(smtpsPort);
        }
        if (adminPort < -1 || adminPort > 65_535) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--admin-port must be 0 (ephemeral) to 65535, or -1 (off), but was " + adminPort);
        }
        if (tls) {
            builder.enable(SmtpExtension.STARTTLS);
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together: give both");
        }
        if (tlsCertificate != null) {
            requireReadable(tlsCertificate, "--tls-cert");
            requireReadable(tlsKey, "--tls-key");
            builder.tls(TlsConfig.pemFiles(tlsCertificate, tlsKey));
        }
        for (String credential : credentials) {
            int colon = credential.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException(
                        spec.commandLine(), "--auth needs USER:PASS, for example --auth ann:secret");
            }
            builder.credentials(credential.substring(0, colon), credential.substring(colon + 1));
        }
        if (maxMessageSize != null) {
            builder.limits(Limits.DEFAULTS.withMaxMessageSize(maxMessageSize));
        }
        builder.disable(disabled.toArray(SmtpExtension[]::new));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void requireReadable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), option + ": cannot read " + file);
        }
    }
}
