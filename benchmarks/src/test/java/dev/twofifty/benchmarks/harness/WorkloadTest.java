package dev.twofifty.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void should_keep_connections_open_with_d_unless_each_message_needs_a_new_one() {
        Workload kept = new Workload(Figure.PARALLEL, 20, 5_000, 1, false);
        Workload fresh = new Workload(Figure.NEW_CONNECTION, 20, 1_000, 1, true);

        assertThat(kept.arguments(2525))
                .containsSubsequence("-s", "20", "-m", "5000", "-r", "1", "-l", "1024")
                .contains("-d")
                .endsWith("127.0.0.1:2525");
        assertThat(fresh.arguments(2525)).doesNotContain("-d");
    }

    @Test
    void should_expect_one_stored_copy_per_recipient_from_greenmail_and_wiser_only() {
        assertThat(ServerKind.TWOFIFTY.expectedStored(100, 10)).isEqualTo(100);
        assertThat(ServerKind.SMTP_SINK.expectedStored(100, 10)).isEqualTo(100);
        assertThat(ServerKind.GREENMAIL.expectedStored(100, 10)).isEqualTo(1_000);
        assertThat(ServerKind.WISER.expectedStored(100, 10)).isEqualTo(1_000);
    }

    @Test
    void should_warm_up_with_a_fraction_but_at_least_one_message_per_session() {
        Workload workload = new Workload(Figure.TEN_RECIPIENTS, 20, 2_000, 10, false);

        assertThat(workload.scaledDown(4).messages()).isEqualTo(500);
        assertThat(workload.scaledDown(1_000).messages()).isEqualTo(20);
    }

    @Test
    void should_start_each_repetition_with_the_next_server() {
        List<ServerKind> servers = List.of(ServerKind.values());

        assertThat(BenchmarkRun.rotated(servers, 0)).startsWith(ServerKind.TWOFIFTY);
        assertThat(BenchmarkRun.rotated(servers, 1))
                .startsWith(ServerKind.GREENMAIL)
                .endsWith(ServerKind.TWOFIFTY);
        assertThat(BenchmarkRun.rotated(servers, 4)).isEqualTo(servers);
    }
}
