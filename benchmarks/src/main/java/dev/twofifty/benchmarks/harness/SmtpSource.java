package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Postfix's {@code smtp-source}, run once per workload and timed by the wall clock around the process. */
final class SmtpSource {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path executable;

    SmtpSource(Path executable) {
        this.executable = executable;
    }

    /**
     * How one run went.
     *
     * @param elapsedNanos from starting the process to its exit
     * @param exitCode 0 when every reply was the expected one (smtp-source stops at the first other)
     * @param output what smtp-source printed, for reports of failures
     */
    record Run(long elapsedNanos, int exitCode, String output) {

        double perSecond(int messages) {
            return messages / (elapsedNanos / 1e9);
        }
    }

    Run run(Workload workload, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(workload.arguments(port));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("smtp-source " + String.join(" ", workload.arguments(port))
                        + " did not finish within " + TIMEOUT);
            }
            long elapsed = System.nanoTime() - start;
            return new Run(
                    elapsed,
                    process.exitValue(),
                    output.get(10, TimeUnit.SECONDS).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while smtp-source ran", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("Could not read smtp-source's output", e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
