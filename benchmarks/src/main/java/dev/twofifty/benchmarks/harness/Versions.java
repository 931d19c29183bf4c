package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The versions of the servers measured: the Java ones as the build resolved them, Postfix's as
 * {@code postconf} reports it.
 */
record Versions(String twofifty, String greenmail, String subethasmtp, String postfix) {

    static Versions detect(Optional<Path> smtpSink) {
        Properties built = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/twofifty/benchmarks/versions.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            // Versions are then reported as unknown.
        }
        return new Versions(
                built.getProperty("twofifty", "unknown"),
                built.getProperty("greenmail", "unknown"),
                built.getProperty("subethasmtp", "unknown"),
                smtpSink.flatMap(Versions::postfixVersion).orElse("unknown"));
    }

    /** Asks {@code postconf}, which Debian installs next to smtp-sink, for Postfix's version. */
    private static Optional<String> postfixVersion(Path smtpSink) {
        Path postconf = smtpSink.resolveSibling("postconf");
        if (!Files.isExecutable(postconf)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(postconf.toString(), "-d", "mail_version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || !output.contains("=")) {
                return Optional.empty();
            }
            return Optional.of(output.substring(output.indexOf('=') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
