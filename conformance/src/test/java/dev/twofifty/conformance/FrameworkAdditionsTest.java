package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framework's additions for §2.9–§2.14: slow-tier cases, scaled pauses, request options, case limits. */
class FrameworkAdditionsTest {

    private static ConformanceCase.Builder minimal(String id) {
        return ConformanceCase.builder(id, "test")
                .phase(Phase.TIMEOUTS)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.2")
                .oracle(observation -> Judgement.pass("ran", List.of()));
    }

    @Test
    void a_slow_tier_case_runs_only_at_real_time_and_is_not_applicable_otherwise() {
        ConformanceCase slow = minimal("TEST-SLOW").slowTierOnly().build();

        assertThat(slow.slowTierOnly()).isTrue();
        assertThat(slow.runsAt(TimeScale.REAL)).isTrue();
        assertThat(slow.runsAt(TimeScale.FAST)).isFalse();
        assertThat(minimal("TEST-FAST").build().runsAt(TimeScale.FAST)).isTrue();

        CaseResult result = ConformanceRunner.defaults().run(ScriptedClient.polite("QUIT"), slow);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(result.judgement().reason())
                .isEqualTo("the case runs only in the slow tier, with the real RFC timers (TimeScale.REAL); this run"
                        + " is scaled by 0.01");
    }

    @Test
    void an_endpoint_scales_named_durations_as_its_timeout_scales_five_minutes() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            Endpoint fast = new Endpoint(
                    server.host(),
                    server.port(),
                    -1,
                    server.clientSslContext(),
                    server.certificate(),
                    TimeScale.FAST.clientTimeout());

            assertThat(fast.scaled(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(300));
            assertThat(fast.scaled(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(3));
            assertThat(fast.scaled(Duration.ZERO)).isZero();
        }
    }

    @Test
    void a_request_keeps_its_new_options_through_every_copy() {
        MailRequest request = MailRequest.of("ann@client.test", List.of("bob@mx.test"), "Subject: x\r\n\r\nx\r\n")
                .withDsn(new MailRequest.Dsn("NEVER", "HDRS", "id 1"))
                .withSubmitter("ann@client.test")
                .withPauseBetweenMessages(Duration.ofSeconds(30))
                .repeated(2)
                .withSecurity(MailRequest.Security.STARTTLS_IF_OFFERED)
                .withCredentials("ann", "secret");

        assertThat(request.messages()).hasSize(2);
        assertThat(request.dsn()).isEqualTo(new MailRequest.Dsn("NEVER", "HDRS", "id 1"));
        assertThat(request.submitter()).isEqualTo("ann@client.test");
        assertThat(request.pauseBetweenMessages()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new MailRequest.Dsn("SUCCESS", "FULL").envid()).isNull();
        MailRequest old = new MailRequest(
                "a@b.test",
                List.of("c@d.test"),
                List.of("x".getBytes(StandardCharsets.US_ASCII)),
                MailRequest.Security.NONE,
                null,
                null);
        assertThat(old.submitter()).isNull();
        assertThat(old.pauseBetweenMessages()).isZero();
    }

    @Test
    void case_limits_change_the_runners_limits_instead_of_replacing_them() {
        ConformanceCase withLimits = minimal("TEST-LIMITS")
                .limits(limits -> limits.withMaxRecipients(1000))
                .build();
        ServerConfig.Builder runners = ServerConfig.builder().limits(Limits.DEFAULTS.withMaxCommandLineLength(4096));

        Limits limits = withLimits.server().apply(runners).build().limits();

        assertThat(limits.maxRecipients()).isEqualTo(1000);
        assertThat(limits.maxCommandLineLength()).isEqualTo(4096);
    }
}
