package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Limits#socketBufferSize()}: with small buffers a client that pipelines without reading its
 * replies blocks, which is the deadlock RFC 2920 §3.1 warns about; with the system's buffers the same
 * client gets through.
 */
@Timeout(20)
class SocketBufferTest {

    /** 12,000 NOOPs (72 KB) make 96 KB of replies ({@code 250 OK}: no EHLO, so no enhanced codes). */
    private static final int COMMANDS = 12_000;

    @Test
    void with_small_buffers_a_client_that_writes_everything_before_reading_blocks() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .limits(Limits.DEFAULTS.withSocketBufferSize(4096))
                .build();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config);
                Socket socket = smallBufferedSocket(smtp)) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeNoops(socket, written), writer);

            long[] previous = {-1};
            await("the client's writes to stop making progress")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        long now = written.get();
                        boolean stalled = now == previous[0];
                        previous[0] = now;
                        return stalled;
                    });
            assertThat(writing).isNotDone();
            assertThat(written.get()).isLessThan(COMMANDS);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void with_the_system_buffers_the_same_client_gets_through() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start();
                Socket socket = smallBufferedSocket(smtp)) {
            AtomicLong written = new AtomicLong();

            CompletableFuture.runAsync(() -> writeNoops(socket, written)).get(10, TimeUnit.SECONDS);

            String replies = new String(
                    socket.getInputStream().readNBytes("250 OK\r\n".length() * COMMANDS), StandardCharsets.US_ASCII);
            assertThat(written.get()).isEqualTo(COMMANDS);
            assertThat(replies).isEqualTo("250 OK\r\n".repeat(COMMANDS));
        }
    }

    @Test
    void a_buffer_below_the_minimum_is_refused() {
        assertThatThrownBy(() -> Limits.DEFAULTS.withSocketBufferSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socketBufferSize must be at least 1024 but was 100");
        assertThat(Limits.DEFAULTS.socketBufferSize()).isZero();
    }

    /** A client with small buffers of its own, so that what blocks is decided by the server's buffers. */
    private static Socket smallBufferedSocket(FakeSmtpServer smtp) throws IOException {
        Socket socket = new Socket();
        socket.setSendBufferSize(4096);
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(5000);
        socket.connect(new InetSocketAddress(smtp.host(), smtp.port()), 5000);
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) != '\n' && b >= 0) {
            // the greeting
        }
        return socket;
    }

    private static void writeNoops(Socket socket, AtomicLong written) {
        try {
            OutputStream out = socket.getOutputStream();
            byte[] noop = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < COMMANDS; i++) {
                out.write(noop);
                written.incrementAndGet();
            }
        } catch (IOException e) {
            // The test closed the socket to unblock this write.
        }
    }
}
