package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the fat jar as users do: {@code java -jar twofifty-standalone.jar}. */
@Timeout(60)
class StandaloneJarIT {

    private static final Pattern LISTENING = Pattern.compile("SMTP listening on ([0-9.]+):(\\d+)");

    @Test
    void the_fat_jar_starts_prints_its_port_and_accepts_a_message() throws Exception {
        Path jar = Path.of(System.getProperty("twofifty.standalone.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--smtp-port", "0", "--admin-port", "0")
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = output.readLine();
            Matcher matcher = LISTENING.matcher(String.valueOf(first));
            assertThat(matcher.matches()).as("first line: %s", first).isTrue();
            assertThat(output.readLine()).matches("Admin API on http://127\\.0\\.0\\.1:\\d+");

            try (Socket socket = new Socket(matcher.group(1), Integer.parseInt(matcher.group(2)))) {
                socket.setSoTimeout(10_000);
                BufferedReader replies =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                assertThat(replies.readLine()).startsWith("220 ");
                out.write(("EHLO it.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String line;
                do {
                    line = replies.readLine();
                } while (line.startsWith("250-"));
                assertThat(line).isEqualTo("250 DSN");
                assertThat(replies.readLine()).startsWith("250 2.1.0");
                assertThat(replies.readLine()).startsWith("250 2.1.5");
                assertThat(replies.readLine()).startsWith("354 ");
                out.write("Subject: it\r\n\r\nhello\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(replies.readLine()).isEqualTo("250 2.0.0 OK: queued as 1");
                assertThat(replies.readLine()).isEqualTo("221 2.0.0 localhost Bye");
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.size(jar)).isGreaterThan(1_000_000);
    }
}
