package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine and JVM a run measured on, as the report names them.
 *
 * @param cpu the CPU model
 * @param cores processors available to the JVM
 * @param memoryKib total RAM
 * @param kernel the Linux kernel release
 * @param os the distribution
 * @param jvm the JVM's name and version (the servers' JVMs use the same {@code java})
 */
record Machine(String cpu, int cores, long memoryKib, String kernel, String os, String jvm) {

    static Machine current() {
        return new Machine(
                field(Path.of("/proc/cpuinfo"), "model name", ":").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/meminfo"), "MemTotal", ":")
                        .map(value -> Long.parseLong(value.replace("kB", "").trim()))
                        .orElse(-1L),
                read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")),
                field(Path.of("/etc/os-release"), "PRETTY_NAME", "=")
                        .map(name -> name.replace("\"", ""))
                        .orElse(System.getProperty("os.name")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")");
    }

    /** The 1-, 5- and 15-minute load averages: how busy the machine was with others' work. */
    static String loadAverage() {
        return read(Path.of("/proc/loadavg"))
                .map(line -> String.join(" / ", List.of(line.split("\\s+")).subList(0, 3)))
                .orElse("unknown");
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %.1f GiB RAM, Linux %s, %s",
                cpu,
                cores,
                memoryKib / 1024.0 / 1024.0,
                kernel,
                os);
    }

    private static Optional<String> field(Path file, String name, String separator) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(separator) + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
