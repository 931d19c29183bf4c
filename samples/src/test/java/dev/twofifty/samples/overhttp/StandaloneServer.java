package dev.twofifty.samples.overhttp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone server as a child process, as any test suite would run it: {@code java -jar
 * twofifty-standalone.jar --smtp-port 0 --admin-port 0}, with the ports read from the two lines it
 * prints at start.
 */
public final class StandaloneServer implements AutoCloseable {

    private static final Pattern SMTP = Pattern.compile("SMTP listening on (\\S+):(\\d+)");
    private static final Pattern ADMIN = Pattern.compile("Admin API on (http://\\S+)");

    private final Process process;
    private final List<String> output;
    private final String smtpHost;
    private final int smtpPort;
    private final URI adminUri;

    private StandaloneServer(Process process, List<String> output, Matcher smtp, Matcher admin) {
        this.process = process;
        this.output = output;
        this.smtpHost = smtp.group(1);
        this.smtpPort = Integer.parseInt(smtp.group(2));
        this.adminUri = URI.create(admin.group(1));
    }

    /** The fat jar the build made: the {@code twofifty.standalone.jar} system property, or its usual place. */
    public static Path jar() {
        Path jar =
                Path.of(System.getProperty("twofifty.standalone.jar", "../standalone/target/twofifty-standalone.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No standalone jar at " + jar.toAbsolutePath()
                    + ": build it first with 'mvn -B package -pl standalone -am -DskipTests'");
        }
        return jar;
    }

    /** Starts the jar with ephemeral ports and these extra options, and waits (at most 30 s) until it listens. */
    public static StandaloneServer start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString(),
                "--smtp-port",
                "0",
                "--admin-port",
                "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<StandaloneServer> started = CompletableFuture.supplyAsync(() -> {
            Matcher smtp = null;
            Matcher admin = null;
            try {
                for (String line; (smtp == null || admin == null) && (line = lines.readLine()) != null; ) {
                    remember(output, line);
                    Matcher m = SMTP.matcher(line);
                    smtp = m.matches() ? m : smtp;
                    m = ADMIN.matcher(line);
                    admin = m.matches() ? m : admin;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (smtp == null || admin == null) {
                throw new IllegalStateException("The server stopped before it listened: " + output);
            }
            return new StandaloneServer(process, output, smtp, admin);
        });
        try {
            StandaloneServer server = started.get(30, TimeUnit.SECONDS);
            Thread drain = new Thread(() -> lines.lines().forEach(line -> remember(output, line)), "standalone-output");
            drain.setDaemon(true); // keeps the pipe from filling up while the server logs
            drain.start();
            return server;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("The standalone server did not start: " + output, e);
        }
    }

    private static void remember(List<String> output, String line) {
        synchronized (output) {
            if (output.size() == 200) {
                output.remove(0);
            }
            output.add(line);
        }
    }

    /** Where SMTP clients connect. */
    public String smtpHost() {
        return smtpHost;
    }

    /** The SMTP port the server picked. */
    public int smtpPort() {
        return smtpPort;
    }

    /** The admin API, for example {@code http://127.0.0.1:40125}. */
    public URI adminUri() {
        return adminUri;
    }

    /** The last lines the server printed, for failure messages. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Stops the server: a normal stop, then a forced one after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
