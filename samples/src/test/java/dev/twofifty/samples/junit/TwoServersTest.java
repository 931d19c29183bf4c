package dev.twofifty.samples.junit;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Rules.onConnect;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.FakeSmtpExtension;
import dev.twofifty.junit.Smtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/junit.md, "Several servers": two named servers, each injected by name. */
class TwoServersTest {

    // tag::several[]
    @RegisterExtension
    static FakeSmtpExtension primary =
            FakeSmtpExtension.builder().name("primary").build();

    @RegisterExtension
    static FakeSmtpExtension fallback =
            FakeSmtpExtension.builder().name("fallback").build();

    @Test
    void fails_over(@Smtp("primary") FakeSmtpServer primary, @Smtp("fallback") FakeSmtpServer fallback)
            throws Exception {
        primary.stubFor(onConnect().willReply(421, "4.3.2", "Down for maintenance"));

        new RelayMailer(primary.port(), fallback.port()).send("ann@example.com");

        assertThat(primary).hasReceivedNothing();
        assertThat(fallback).within(Duration.ofSeconds(5)).hasReceived(1);
    }
    // end::several[]
}
