package dev.twofifty.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak check itself: it runs at the paranoid level and sees a leak when there is one. */
@Timeout(30)
class NettyLeakCheckTest {

    @Test
    void the_build_runs_with_paranoid_leak_detection() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void a_buffer_that_is_never_released_is_reported() {
        NettyLeakCheck.collectReports();
        leakOneBuffer();

        List<String> reports = NettyLeakCheck.collectReports();

        // Collected here, so the class does not fail for the leak made on purpose.
        assertThat(reports).singleElement().asString().startsWith("LEAK: ByteBuf.release() was not called");
    }

    @Test
    void a_released_buffer_is_not_reported() {
        NettyLeakCheck.collectReports();
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();

        assertThat(NettyLeakCheck.collectReports()).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(7);
        // No release: the buffer becomes garbage with its reference count still at 1.
    }
}
