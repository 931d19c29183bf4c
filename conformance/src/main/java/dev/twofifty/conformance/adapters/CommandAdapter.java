package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives any executable as the client under test, through a command template run by {@code /bin/sh -c}.
 *
 * <p>Placeholders: {@code {host}}, {@code {port}}, {@code {smtpsPort}}, {@code {from}}, {@code {to}}
 * (comma separated), {@code {message}} (path of an .eml file with the message), {@code {user}},
 * {@code {password}}, {@code {cafile}} (a PEM file with the server's certificate), {@code {timeout}}
 * (seconds), {@code {security}} (how the case asks the client to use TLS: {@code none}, {@code starttls},
 * {@code starttls-required} or {@code implicit-tls}), {@code {helo}} (the name to give in EHLO: the case's, or
 * {@code client.test} as the Java adapters give) and {@code {notify}}, {@code {ret}}, {@code {envid}} (the DSN
 * options the case asks for, empty for none). Values are shell-quoted; an empty value is {@code ''}. The exit status is the outcome: 0 delivered, 75
 * (EX_TEMPFAIL) temporary failure, anything else a permanent failure, unless {@link #mapExitCode}
 * says otherwise. A client that does not exit in time is killed and reported as a HANG.
 *
 * <pre>{@code
 * new CommandAdapter("curl", "curl -sS smtp://{host}:{port} --mail-from {from} --mail-rcpt {to}"
 *         + " --upload-file {message}", EnumSet.noneOf(Feature.class));
 * }</pre>
 */
public final class CommandAdapter implements ClientAdapter {

    /** EX_TEMPFAIL of sysexits.h: a temporary failure, try again later. */
    public static final int EX_TEMPFAIL = 75;

    /** The EHLO name given when the case names none, the one the Java adapters give. */
    static final String DEFAULT_HELO = "client.test";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final String name;
    private final String template;
    private final Set<Feature> features;
    private final Map<Integer, Outcome.Kind> exitCodes = new LinkedHashMap<>();
    private final Duration limit;

    /**
     * @param name the client's name in reports
     * @param template the command line, with placeholders
     * @param features what the client can do (cases needing more are N/A)
     */
    public CommandAdapter(String name, String template, Set<Feature> features) {
        this(name, template, features, Duration.ofSeconds(60));
    }

    /**
     * @param limit how long the command may run before it is killed and reported as a HANG
     */
    public CommandAdapter(String name, String template, Set<Feature> features, Duration limit) {
        this.name = Objects.requireNonNull(name, "name");
        this.template = Objects.requireNonNull(template, "template");
        this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        this.limit = Objects.requireNonNull(limit, "limit");
        exitCodes.put(0, Outcome.Kind.DELIVERED);
        exitCodes.put(EX_TEMPFAIL, Outcome.Kind.TRANSIENT);
    }

    /** Maps an exit status to an outcome kind, for clients with their own exit codes; returns this adapter. */
    public CommandAdapter mapExitCode(int status, Outcome.Kind kind) {
        exitCodes.put(status, kind);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        List<Outcome> outcomes = new ArrayList<>();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("twofifty-client");
            Path cafile = directory.resolve("server.pem");
            Files.writeString(cafile, pem(endpoint));
            for (int i = 0; i < request.messages().size(); i++) {
                Path message = directory.resolve("message-" + (i + 1) + ".eml");
                Files.write(message, request.messages().get(i));
                outcomes.add(run(command(endpoint, request, message, cafile)));
            }
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the files for " + name, e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** The command line for one message, placeholders replaced. */
    String command(Endpoint endpoint, MailRequest request, Path message, Path cafile) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", endpoint.host());
        values.put("port", String.valueOf(endpoint.port()));
        values.put("smtpsPort", String.valueOf(endpoint.smtpsPort()));
        values.put("from", request.from());
        values.put("to", String.join(",", request.to()));
        values.put("message", message.toString());
        values.put(
                "user",
                request.credentials() == null ? "" : request.credentials().user());
        values.put(
                "password",
                request.credentials() == null ? "" : request.credentials().password());
        values.put("cafile", cafile.toString());
        values.put("timeout", String.valueOf(Math.max(1, endpoint.timeout().toSeconds())));
        values.put("security", security(request.security()));
        values.put("helo", request.clientName() == null ? DEFAULT_HELO : request.clientName());
        MailRequest.Dsn dsn = request.dsn();
        values.put("notify", dsn == null || dsn.notifyOn() == null ? "" : dsn.notifyOn());
        values.put("ret", dsn == null || dsn.ret() == null ? "" : dsn.ret());
        values.put("envid", dsn == null || dsn.envid() == null ? "" : dsn.envid());
        // One pass, so that a value that looks like a placeholder is not replaced in turn.
        return PLACEHOLDER
                .matcher(template)
                .replaceAll(match -> Matcher.quoteReplacement(
                        values.containsKey(match.group(1)) ? shellQuote(values.get(match.group(1))) : match.group()));
    }

    /** The value of {@code {security}}: what the case asks, in words a wrapper script can switch on. */
    static String security(MailRequest.Security security) {
        return switch (security) {
            case NONE -> "none";
            case STARTTLS_IF_OFFERED -> "starttls";
            case STARTTLS_REQUIRED -> "starttls-required";
            case IMPLICIT_TLS -> "implicit-tls";
        };
    }

    private Outcome run(String command) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output lost: ").append(e.getMessage()).append(')');
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Outcome.hang(name + " did not exit within " + limit.toSeconds() + " s; killed");
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Outcome.hang(name + " was stopped by the runner's watchdog");
        }
        int status = process.exitValue();
        String detail = "exit status " + status + lastLines(output.toString());
        Outcome.Kind kind = exitCodes.getOrDefault(status, Outcome.Kind.PERMANENT);
        return switch (kind) {
            case DELIVERED -> Outcome.delivered();
            // An exit status carries no reply code: the oracles judge these outcomes by their kind alone.
            case TRANSIENT -> Outcome.transientFailure(Outcome.NO_CODE, detail);
            case TLS_FAILED -> Outcome.tlsFailed(detail);
            case LOCAL_REJECT -> Outcome.localReject(detail);
            case AUTH_FAILED_TEMPORARY -> Outcome.authFailed(true, Outcome.NO_CODE, detail);
            case AUTH_FAILED_PERMANENT -> Outcome.authFailed(false, Outcome.NO_CODE, detail);
            case HANG -> Outcome.hang(detail);
            case UNKNOWN, PARTIAL -> Outcome.unknown(detail);
            case PERMANENT -> Outcome.permanentFailure(Outcome.NO_CODE, detail);
        };
    }

    private static String lastLines(String output) {
        String trimmed = output.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        String[] lines = trimmed.split("\n");
        int from = Math.max(0, lines.length - 3);
        return ": " + String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static String pem(Endpoint endpoint) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(endpoint.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the server certificate", e);
        }
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    @Override
    public String toString() {
        return "CommandAdapter[" + name + ": " + template + "]";
    }
}
