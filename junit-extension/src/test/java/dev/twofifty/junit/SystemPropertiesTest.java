package dev.twofifty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Publishing host and port as system properties, and putting the old values back. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class SystemPropertiesTest {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Fixture
    @SmtpTest(hostProperty = "test.mail.host", portProperty = "test.mail.port")
    static class Annotated {
        @Test
        void published(FakeSmtpServer smtp) {
            SEEN.put("host", System.getProperty("test.mail.host"));
            SEEN.put("port", System.getProperty("test.mail.port"));
            SEEN.put("actual", String.valueOf(smtp.port()));
        }
    }

    @Test
    void the_annotation_publishes_host_and_port_during_the_test_and_restores_them() {
        System.setProperty("test.mail.host", "before");
        System.clearProperty("test.mail.port");
        try {
            Kit.run(Annotated.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

            assertThat(SEEN).containsEntry("host", "127.0.0.1").containsEntry("port", SEEN.get("actual"));
            assertThat(System.getProperty("test.mail.host")).isEqualTo("before");
            assertThat(System.getProperty("test.mail.port")).isNull();
        } finally {
            System.clearProperty("test.mail.host");
        }
    }

    @Fixture
    static class Builder {
        @RegisterExtension
        static FakeSmtpExtension smtp = FakeSmtpExtension.builder()
                .publishHostAs("spring.mail.host")
                .publishPortAs("spring.mail.port")
                .build();

        @Test
        void published() {
            SEEN.put("spring.mail.host", System.getProperty("spring.mail.host"));
            SEEN.put("spring.mail.port", System.getProperty("spring.mail.port"));
            SEEN.put("actual", String.valueOf(smtp.port()));
        }
    }

    @Test
    void the_builder_publishes_spring_style_properties_for_the_class() {
        Kit.run(Builder.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN)
                .containsEntry("spring.mail.host", "127.0.0.1")
                .containsEntry("spring.mail.port", SEEN.get("actual"));
        assertThat(System.getProperty("spring.mail.host")).isNull();
        assertThat(System.getProperty("spring.mail.port")).isNull();
    }
}
