package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process in {@code /proc/<pid>/status}: resident memory and thread count,
 * the same way for a JVM and for {@code smtp-sink}.
 *
 * @param rssKib resident set size ({@code VmRSS}) in KiB
 * @param threads OS threads, JVM-internal ones (GC, compiler) included
 */
record ProcStatus(long rssKib, int threads) {

    static ProcStatus of(long pid) throws IOException {
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(
                        line.substring("VmRSS:".length()).replace("kB", "").trim());
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        if (rss < 0 || threads < 0) {
            throw new IOException("No VmRSS or Threads in /proc/" + pid + "/status");
        }
        return new ProcStatus(rss, threads);
    }

    /** Whether this process runs as root, which {@code smtp-sink} must be told to leave ({@code -u}). */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring("Uid:".length())
                            .trim()
                            .split("\\s+")[0]
                            .equals("0");
                }
            }
        } catch (IOException e) {
            // Not Linux: the harness measures nothing there anyway.
        }
        return false;
    }
}
