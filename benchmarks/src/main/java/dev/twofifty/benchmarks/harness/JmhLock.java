package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JMH's machine-wide lock file, which keeps two JMH runs from measuring at once. JMH gives up at once
 * when another run holds it; the harness waits for that run to finish instead, because two benchmarks
 * at once would spoil both.
 */
final class JmhLock {

    private JmhLock() {}

    /** The file JMH locks: {@code jmh.lock} in the temporary directory. */
    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /**
     * Blocks until no other process holds the lock, at most {@code timeout}, and returns how long that
     * took. The lock is released again at once: JMH takes it itself.
     */
    static Duration awaitFree(Duration timeout) throws IOException {
        long start = System.nanoTime();
        FutureTask<Void> waiting = new FutureTask<>(JmhLock::lockAndRelease, null);
        Thread waiter = new Thread(waiting, "jmh-lock-wait");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupting a thread blocked in FileChannel.lock closes the channel and ends the wait.
            waiting.cancel(true);
            throw new IOException("Another JMH run held " + file() + " for more than " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("Could not wait for " + file(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + file(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void lockAndRelease() {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            // Acquired, so the other run is done; closing releases it for JMH.
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
