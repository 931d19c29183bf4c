package dev.twofifty.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventLoopsTest {

    @Test
    void servers_bound_from_test_threads_spread_over_the_loops() {
        EventLoopGroup group = EventLoops.group();
        Set<EventExecutor> chosen = new HashSet<>();
        int loops = 0;
        for (EventExecutor ignored : group) {
            loops++;
        }

        for (int i = 0; i < loops; i++) {
            chosen.add(group.next());
        }

        assertThat(chosen).as("every loop once, in turn").hasSize(loops);
    }

    @Test
    void a_loop_that_registers_a_channel_keeps_it() throws Exception {
        EventLoopGroup group = EventLoops.group();
        List<Boolean> sameLoop = new ArrayList<>();
        for (EventExecutor loop : group) {
            sameLoop.add(loop.submit(() -> group.next() == loop).get(5, TimeUnit.SECONDS));
        }

        assertThat(sameLoop).isNotEmpty().containsOnly(true);
    }
}
