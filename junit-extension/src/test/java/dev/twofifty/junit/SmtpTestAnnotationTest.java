package dev.twofifty.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.twofifty.FakeSmtp;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.SmtpExtension;
import dev.twofifty.Strictness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.Events;

/** {@link SmtpTest} and plain {@code @ExtendWith(FakeSmtpExtension.class)}, run through the JUnit Platform. */
class SmtpTestAnnotationTest {

    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

    static Events run(Class<?> fixture) {
        PORTS.clear();
        return Kit.run(fixture).testEvents();
    }

    @Fixture
    @SmtpTest
    static class FreshServerPerTest {
        @Test
        void first(FakeSmtpServer smtp) {
            PORTS.add(smtp.port());
            MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "one");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        }

        @Test
        void second(FakeSmtp smtp) {
            PORTS.add(smtp.port());
            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void each_test_gets_a_fresh_server_on_loopback_and_an_ephemeral_port() {
        run(FreshServerPerTest.class)
                .assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(PORTS).hasSize(2).doesNotHaveDuplicates().allMatch(port -> port > 0);
    }

    @Fixture
    @SmtpTest
    static class InjectedIntoBeforeEach {
        FakeSmtpServer fromBeforeEach;

        @BeforeEach
        void setUp(FakeSmtpServer smtp) {
            fromBeforeEach = smtp;
        }

        @Test
        void sameServer(FakeSmtpServer smtp) {
            assertThat(smtp).isSameAs(fromBeforeEach);
        }
    }

    @Test
    void the_server_is_injected_into_before_each_methods_too() {
        run(InjectedIntoBeforeEach.class)
                .assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Fixture
    @SmtpTest(
            tls = true,
            smtps = true,
            auth = {"ann:secret"},
            requireAuth = true,
            disable = {SmtpExtension.PIPELINING, SmtpExtension.CHUNKING},
            lenient = true,
            maxMessageSize = 2048)
    static class Attributes {
        @Test
        void configured(FakeSmtpServer smtp) {
            assertThat(smtp.config().isEnabled(SmtpExtension.STARTTLS)).isTrue();
            assertThat(smtp.smtpsPort()).isPositive();
            assertThat(smtp.config().credentials()).containsEntry("ann", "secret");
            assertThat(smtp.config().requireAuth()).isTrue();
            assertThat(smtp.config().isEnabled(SmtpExtension.PIPELINING)).isFalse();
            assertThat(smtp.config().isEnabled(SmtpExtension.CHUNKING)).isFalse();
            assertThat(smtp.config().strictness()).isEqualTo(Strictness.LENIENT);
            assertThat(smtp.config().limits().maxMessageSize()).isEqualTo(2048);
        }
    }

    @Test
    void annotation_attributes_configure_the_server() {
        run(Attributes.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Fixture
    @SmtpTest(lifecycle = Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SharedServer {
        static FakeSmtpServer fromBeforeAll;

        @BeforeAll
        static void setUp(FakeSmtpServer smtp) {
            fromBeforeAll = smtp;
        }

        @Test
        void a_first(FakeSmtpServer smtp) {
            PORTS.add(smtp.port());
            assertThat(smtp).isSameAs(fromBeforeAll);
            smtp.stubFor(dev.twofifty.script.Rules.onMail().willReply(550, "5.7.1", "No"));
            MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "one");
            assertThat(smtp.sessions()).isNotEmpty();
        }

        @Test
        void b_second(FakeSmtpServer smtp) {
            PORTS.add(smtp.port());
            assertThat(smtp.rules()).as("rules of the previous test").isEmpty();
            List<String> replies = MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "x");
            assertThat(replies.get(2)).startsWith("250 ");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void a_per_class_server_is_shared_and_reset_before_each_test() {
        run(SharedServer.class).assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(PORTS).hasSize(2);
        assertThat(PORTS.get(0)).isEqualTo(PORTS.get(1));
    }

    @Fixture
    @SmtpTest
    static class PerMethodServerInBeforeAll {
        @BeforeAll
        static void setUp(FakeSmtpServer smtp) {}

        @Test
        void test() {}
    }

    @Test
    void a_per_method_server_cannot_be_injected_into_before_all_and_the_error_says_why() {
        Events events = Kit.run(PerMethodServerInBeforeAll.class).containerEvents();

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(text -> text.contains("The TwoFifty server \"default\" is not running yet")
                                        && text.contains("use @BeforeEach, or a shared server")))));
    }

    @Fixture
    @SmtpTest(requireTls = true)
    static class InvalidConfiguration {
        @Test
        void test(FakeSmtpServer smtp) {}
    }

    @Test
    void an_invalid_configuration_fails_with_an_extension_configuration_exception_naming_the_annotation() {
        run(InvalidConfiguration.class)
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("test"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message("@SmtpTest on " + InvalidConfiguration.class.getName()
                                                + ": requireTls needs a way to get TLS: enable(SmtpExtension.STARTTLS)"
                                                + " or set an smtpsPort"))));
    }

    @Fixture
    @SmtpTest(auth = "no-colon")
    static class BadCredentials {
        @Test
        void test(FakeSmtpServer smtp) {}
    }

    @Test
    void credentials_without_a_colon_are_reported() {
        run(BadCredentials.class)
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(text -> text.endsWith("auth needs \"user:password\" but was \"no-colon\"")))));
    }

    @Fixture
    @ExtendWith(FakeSmtpExtension.class)
    static class PlainExtendWith {
        @Test
        void defaults(FakeSmtpServer smtp) {
            assertThat(smtp.host()).isEqualTo("127.0.0.1");
            assertThat(smtp.config().isEnabled(SmtpExtension.STARTTLS)).isFalse();
            List<String> replies = MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "hi");
            assertThat(replies.get(0)).isEqualTo("220 localhost ESMTP TwoFifty ready");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void plain_extend_with_gives_a_default_server_and_injection() {
        run(PlainExtendWith.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
    }
}
