package dev.twofifty.junit;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.SmtpExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FakeSmtpExtension} registered in fields: the field decides the lifecycle. */
class RegisterExtensionTest {

    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

    @Fixture
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class StaticField {
        @RegisterExtension
        static FakeSmtpExtension smtp = FakeSmtpExtension.builder()
                .configure(config -> config.enable(SmtpExtension.STARTTLS))
                .stubs(onMessage().willReply(451, "4.3.0", "Try later").times(1))
                .build();

        @BeforeAll
        static void stubForAllTests() {
            smtp.stubFor(onMail().willReply(250, "2.1.0", "Welcome sender"));
        }

        @Test
        void a_first() {
            PORTS.add(smtp.port());
            assertThat(smtp.server().config().isEnabled(SmtpExtension.STARTTLS)).isTrue();
            List<String> replies = MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "1");
            assertThat(replies.get(2)).isEqualTo("250 2.1.0 Welcome sender");
            assertThat(replies.get(5)).isEqualTo("451 4.3.0 Try later");
            smtp.stubFor(onMail().willReply(550, "5.7.1", "Only in the first test"));
        }

        @Test
        void b_second() {
            PORTS.add(smtp.port());
            assertThat(smtp.messages()).isEmpty();
            List<String> replies = MiniClient.send(smtp.host(), smtp.port(), "a@example.com", "b@example.com", "2");
            assertThat(replies.get(2)).as("@BeforeAll stub kept").isEqualTo("250 2.1.0 Welcome sender");
            assertThat(replies.get(5)).as("initial stub restarted").isEqualTo("451 4.3.0 Try later");
        }
    }

    @Test
    void a_static_field_gives_one_server_per_class_reset_before_each_test_keeping_the_initial_script() {
        PORTS.clear();
        Kit.run(StaticField.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(PORTS).hasSize(2);
        assertThat(PORTS.get(0)).isEqualTo(PORTS.get(1));
    }

    @Fixture
    static class InstanceField {
        @RegisterExtension
        FakeSmtpExtension smtp = FakeSmtpExtension.builder().build();

        @Test
        void first(FakeSmtpServer injected) {
            PORTS.add(smtp.port());
            assertThat(injected).isSameAs(smtp.server());
        }

        @Test
        void second() {
            PORTS.add(smtp.port());
        }
    }

    @Test
    void an_instance_field_gives_one_server_per_test() {
        PORTS.clear();
        Kit.run(InstanceField.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(PORTS).hasSize(2).doesNotHaveDuplicates();
    }

    @Fixture
    static class TwoNamedServers {
        @RegisterExtension
        static FakeSmtpExtension primary =
                FakeSmtpExtension.builder().name("primary").build();

        @RegisterExtension
        static FakeSmtpExtension fallback =
                FakeSmtpExtension.builder().name("fallback").build();

        @Test
        void failsOver(@Smtp("primary") FakeSmtpServer first, @Smtp("fallback") FakeSmtpServer second) {
            assertThat(first).isSameAs(primary.server());
            assertThat(second).isSameAs(fallback.server());
            assertThat(first.port()).isNotEqualTo(second.port());
            first.stubFor(onMail().willReply(421, "4.3.2", "Down"));
            assertThat(MiniClient.send(first.host(), first.port(), "a@x.example", "b@x.example", "1")
                            .get(2))
                    .startsWith("421");
            MiniClient.send(second.host(), second.port(), "a@x.example", "b@x.example", "2");
            assertThat(second.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
            assertThat(first.messages()).isEmpty();
        }

        @Test
        void unnamed(FakeSmtpServer which) {}

        @Test
        void unknownName(@Smtp("tertiary") FakeSmtpServer which) {}
    }

    @Test
    void several_servers_are_told_apart_by_name_and_misnamed_parameters_get_clear_errors() {
        var events = Kit.run(TwoNamedServers.class).testEvents();

        events.assertStatistics(stats -> stats.succeeded(1).failed(2));
        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("unnamed"),
                                finishedWithFailure(
                                        instanceOf(ParameterResolutionException.class),
                                        message("Several TwoFifty servers are registered [primary, fallback]: name"
                                                + " the one parameter 'which' of TwoNamedServers.unnamed wants with"
                                                + " @Smtp(\"...\")"))))
                .haveExactly(
                        1,
                        event(
                                test("unknownName"),
                                finishedWithFailure(
                                        instanceOf(ParameterResolutionException.class),
                                        message("No TwoFifty server is named \"tertiary\" for parameter 'which' of"
                                                + " TwoNamedServers.unknownName; the servers here are [primary,"
                                                + " fallback]"))));
    }

    @Fixture
    static class SameNameTwice {
        @RegisterExtension
        static FakeSmtpExtension one = FakeSmtpExtension.builder().build();

        @RegisterExtension
        static FakeSmtpExtension two = FakeSmtpExtension.builder().build();

        @Test
        void test() {}
    }

    @Test
    void two_servers_with_the_same_name_fail_naming_both_fields() {
        Kit.run(SameNameTwice.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("Two TwoFifty servers are named \"default\": the FakeSmtpExtension in field"
                                        + " SameNameTwice.one and the FakeSmtpExtension in field SameNameTwice.two;"
                                        + " give each a name with FakeSmtpExtension.builder().name(...)"))));
    }

    @Fixture
    static class InvalidBuilder {
        @RegisterExtension
        static FakeSmtpExtension misconfigured = FakeSmtpExtension.builder()
                .configure(config -> config.requireAuth(true))
                .build();

        @Test
        void test() {}
    }

    @Test
    void an_invalid_configuration_fails_naming_the_field() {
        Kit.run(InvalidBuilder.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("the FakeSmtpExtension in field InvalidBuilder.misconfigured: requireAuth"
                                        + " needs the AUTH extension: add credentials or"
                                        + " enable(SmtpExtension.AUTH)"))));
    }

    @Test
    void the_delegating_methods_say_when_no_server_runs() {
        FakeSmtpExtension unused = FakeSmtpExtension.builder().build();

        org.assertj.core.api.Assertions.assertThatThrownBy(unused::port)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No TwoFifty server is running yet: a static @RegisterExtension field starts it before"
                        + " all tests, an instance field before each test");
    }
}
