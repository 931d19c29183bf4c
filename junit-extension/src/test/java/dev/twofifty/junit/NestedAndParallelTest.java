package dev.twofifty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** {@code @Nested} classes and JUnit's parallel execution. */
class NestedAndParallelTest {

    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

    @Fixture
    @SmtpTest(lifecycle = Lifecycle.PER_CLASS)
    static class SharedAcrossNested {
        @Test
        void outer(FakeSmtpServer smtp) {
            PORTS.add(smtp.port());
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeSmtpServer smtp) {
                PORTS.add(smtp.port());
                assertThat(smtp.messages()).isEmpty();
            }

            @Nested
            class Deeper {
                @Test
                void deeper(FakeSmtpServer smtp) {
                    PORTS.add(smtp.port());
                }
            }
        }
    }

    @Test
    void nested_classes_share_the_outer_per_class_server() {
        PORTS.clear();
        Kit.run(SharedAcrossNested.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(Set.copyOf(PORTS)).hasSize(1);
    }

    @Fixture
    @SmtpTest
    static class FreshInNested {
        @Test
        void outer(FakeSmtpServer smtp) {
            PORTS.add(smtp.port());
        }

        @Nested
        class Inner {
            @Test
            void first(FakeSmtpServer smtp) {
                PORTS.add(smtp.port());
            }

            @Test
            void second(FakeSmtpServer smtp) {
                PORTS.add(smtp.port());
            }
        }
    }

    @Test
    void nested_classes_get_a_fresh_server_per_test_by_default() {
        PORTS.clear();
        Kit.run(FreshInNested.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(PORTS).hasSize(3).doesNotHaveDuplicates();
    }

    static final Map<String, Integer> DELIVERED = new ConcurrentHashMap<>();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @Fixture
    @SmtpTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ManyInParallel {
        private void sendAndCheck(FakeSmtpServer smtp, String id) {
            THREADS.add(Thread.currentThread().getName());
            for (int i = 0; i < 5; i++) {
                MiniClient.send(smtp.host(), smtp.port(), id + "@example.com", "sink@example.org", id + " " + i);
            }
            assertThat(smtp.awaitMessages(5, Duration.ofSeconds(10)))
                    .hasSize(5)
                    .allSatisfy(
                            message -> assertThat(message.envelope().sender()).isEqualTo(id + "@example.com"));
            DELIVERED.put(id, smtp.messages().size());
        }

        @Test
        void a(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "a");
        }

        @Test
        void b(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "b");
        }

        @Test
        void c(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "c");
        }

        @Test
        void d(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "d");
        }

        @Test
        void e(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "e");
        }

        @Test
        void f(FakeSmtpServer smtp) {
            sendAndCheck(smtp, "f");
        }
    }

    @Test
    void tests_running_in_parallel_each_see_only_their_own_server() {
        DELIVERED.clear();
        THREADS.clear();
        Kit.run(
                        ManyInParallel.class,
                        Map.of(
                                "junit.jupiter.execution.parallel.enabled", "true",
                                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"))
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(6).failed(0));

        assertThat(DELIVERED)
                .hasSize(6)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(5));
        assertThat(THREADS).as("tests ran on several threads").hasSizeGreaterThan(1);
    }
}
