package dev.twofifty.standalone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/info} (where SMTP listens) and {@code GET /api/journal} (the journal's counts). */
@Timeout(20)
class AdminInfoAndJournalApiTest {

    private static void send(AdminFixture api, String subject) {
        try (SmtpWire smtp = api.smtpClient().ehlo("client.example")) {
            assertThat(smtp.transaction(
                            "<ann@example.com>",
                            List.of("<bob@example.org>"),
                            ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("250 ");
            smtp.quit();
        }
    }

    @Test
    void info_names_the_smtp_address_with_no_smtps_port_and_no_version_in_a_development_build() {
        try (AdminFixture api = AdminFixture.start()) {
            HttpResponse<String> response = api.get("/api/info");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            // The classes run from target/classes here, without a manifest: no Implementation-Version.
            assertThat(response.body())
                    .isEqualTo("{\"smtpHost\":\"127.0.0.1\",\"smtpPort\":" + api.smtp.port()
                            + ",\"smtpsPort\":null,\"version\":null}");
        }
    }

    @Test
    void info_names_the_actual_smtps_port_when_there_is_one() {
        try (AdminFixture api =
                AdminFixture.start(ServerConfig.builder().smtpsPort(0).build())) {
            HttpResponse<String> response = api.get("/api/info");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(api.smtp.smtpsPort()).isPositive();
            assertThat(response.body())
                    .isEqualTo("{\"smtpHost\":\"127.0.0.1\",\"smtpPort\":" + api.smtp.port() + ",\"smtpsPort\":"
                            + api.smtp.smtpsPort() + ",\"version\":null}");
        }
    }

    @Test
    void journal_counts_start_at_zero() {
        try (AdminFixture api = AdminFixture.start()) {
            HttpResponse<String> response = api.get("/api/journal");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"messageCount\":0,\"evictedMessages\":0,\"evictedSessions\":0}");
        }
    }

    @Test
    void journal_counts_include_evictions_and_restart_when_the_journal_is_cleared() {
        try (AdminFixture api = AdminFixture.start(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withJournalCapacity(2))
                .build())) {
            send(api, "one");
            send(api, "two");
            send(api, "three");
            api.smtp.journal().awaitEndedSessions(3, Duration.ofSeconds(5));

            HttpResponse<String> response = api.get("/api/journal");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"messageCount\":3,\"evictedMessages\":1,\"evictedSessions\":1}");
            assertThat(api.get("/api/messages").body())
                    .doesNotContain("\"one\"")
                    .contains("\"three\"");

            assertThat(api.delete("/api/messages").statusCode()).isEqualTo(200);

            assertThat(api.get("/api/journal").body())
                    .isEqualTo("{\"messageCount\":0,\"evictedMessages\":0,\"evictedSessions\":0}");
        }
    }
}
