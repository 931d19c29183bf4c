package dev.twofifty.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.internal.engine.ScriptEngine;
import dev.twofifty.internal.engine.ServerContext;
import dev.twofifty.internal.journal.InMemoryJournal;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Rules;
import dev.twofifty.tls.TlsConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Netty bridge on an {@link EmbeddedChannel}: the same protocol as the engine tests, through channel events. */
@Timeout(30)
class SmtpChannelHandlerTest {

    private static final String GREETING = "220 localhost ESMTP TwoFifty ready\r\n";
    private static final String EHLO_REPLY = "250-localhost Hello client.example\r\n"
            + "250-PIPELINING\r\n"
            + "250-SIZE 10240000\r\n"
            + "250-8BITMIME\r\n"
            + "250-SMTPUTF8\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n"
            + "250-CHUNKING\r\n"
            + "250 DSN\r\n";
    private static final String TRANSACTION = "EHLO client.example\r\n"
            + "MAIL FROM:<ann@example.com>\r\n"
            + "RCPT TO:<bob@example.org>\r\n"
            + "DATA\r\n"
            + "Subject: bytes\r\n\r\n..one\r\ntwo\r\n.\r\n"
            + "QUIT\r\n";
    private static final String TRANSACTION_REPLIES = EHLO_REPLY
            + "250 2.1.0 Sender <ann@example.com> OK\r\n"
            + "250 2.1.5 Recipient <bob@example.org> OK\r\n"
            + "354 End data with <CR><LF>.<CR><LF>\r\n"
            + "250 2.0.0 OK: queued as 1\r\n"
            + "221 2.0.0 localhost Bye\r\n";
    private static final Supplier<SslContext> NO_TLS = () -> {
        throw new AssertionError("TLS was not expected");
    };

    /** Counts the flushes that reach the channel, so that flush boundaries can be asserted. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private ServerContext server;
    private EmbeddedChannel channel;
    private final FlushCounter flushCounter = new FlushCounter();

    private EmbeddedChannel open(ServerConfig config, Supplier<SslContext> ssl) {
        server = new ServerContext(config, new ScriptEngine(), new InMemoryJournal(100, 1_000));
        channel = new EmbeddedChannel(flushCounter, new SmtpChannelHandler(server, ssl, false));
        return channel;
    }

    private EmbeddedChannel open() {
        return open(ServerConfig.defaults(), NO_TLS);
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** Everything written to the channel so far, as text. */
    private String output() {
        StringBuilder out = new StringBuilder();
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            out.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return out.toString();
    }

    private void read(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private SessionRecord session() {
        return server.journal().sessions().get(0);
    }

    @Test
    void an_unexpected_exception_gets_a_421_ends_the_session_as_an_error_and_leaves_the_server_running() {
        open();
        output();

        channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        channel.runPendingTasks();

        assertThat(output())
                .isEqualTo("421 Internal error in the fake server, closing connection; see its journal\r\n");
        assertThat(channel.isOpen()).isFalse();
        SessionRecord record = session();
        assertThat(record.endedBy()).contains(dev.twofifty.journal.SessionEnd.ERROR);
        assertThat(record.violations()).isEmpty();
        assertThat(record.transcript())
                .extracting(dev.twofifty.journal.TranscriptEntry::line)
                .contains("internal error, closing: IllegalStateException: a bug");

        EmbeddedChannel next = new EmbeddedChannel(new SmtpChannelHandler(server, NO_TLS, false));
        ByteBuf greeting = next.readOutbound();
        assertThat(greeting.toString(StandardCharsets.UTF_8)).isEqualTo(GREETING);
        greeting.release();
        next.finishAndReleaseAll();
    }

    @Test
    void a_reset_by_the_client_ends_the_session_as_closed_by_the_client() {
        open();
        output();

        channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
        channel.runPendingTasks();

        assertThat(output()).isEmpty();
        assertThat(session().endedBy()).contains(dev.twofifty.journal.SessionEnd.CLIENT_CLOSE);
    }

    @Test
    void greets_when_the_channel_becomes_active() {
        open();

        assertThat(output()).isEqualTo(GREETING);
        assertThat(flushCounter.flushes).isEqualTo(1);
        assertThat(session().remoteAddress()).isEqualTo("embedded");
    }

    @Test
    void a_full_transaction_fed_one_byte_per_channel_read_gives_the_same_replies_and_message() {
        open();
        output();

        for (byte b : TRANSACTION.getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(output()).isEqualTo(TRANSACTION_REPLIES);
        assertThat(server.journal().messages()).hasSize(1);
        assertThat(server.journal().messages().get(0).rawText()).isEqualTo("Subject: bytes\r\n\r\n.one\r\ntwo\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(session().endedBy()).contains(SessionEnd.QUIT);
    }

    @Test
    void a_full_transaction_fed_one_byte_per_read_in_one_read_burst_is_answered_in_one_flush() {
        open();
        output();
        int flushesBefore = flushCounter.flushes;

        for (byte b : TRANSACTION.getBytes(StandardCharsets.US_ASCII)) {
            channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        channel.pipeline().fireChannelReadComplete();

        assertThat(output()).isEqualTo(TRANSACTION_REPLIES);
        assertThat(flushCounter.flushes - flushesBefore).isEqualTo(1);
    }

    @Test
    void a_pipelined_batch_in_one_read_gets_its_replies_in_one_flush() {
        open();
        output();
        int flushesBefore = flushCounter.flushes;

        read("EHLO client.example\r\nMAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n");

        assertThat(output())
                .isEqualTo(EHLO_REPLY
                        + "250 2.1.0 Sender <ann@example.com> OK\r\n"
                        + "250 2.1.5 Recipient <bob@example.org> OK\r\n"
                        + "354 End data with <CR><LF>.<CR><LF>\r\n");
        assertThat(flushCounter.flushes - flushesBefore).isEqualTo(1);
    }

    @Test
    void an_idle_event_sends_421_and_closes_the_channel() {
        open();
        read("EHLO client.example\r\n");
        output();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();

        assertThat(output()).isEqualTo("421 4.4.2 localhost Idle timeout, closing connection\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(session().endedBy()).contains(SessionEnd.TIMEOUT);
    }

    @Test
    void the_idle_state_handler_with_the_configured_timeout_ends_a_silent_session() {
        ServerConfig config = ServerConfig.builder()
                .limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(30)))
                .build();
        server = new ServerContext(config, new ScriptEngine(), new InMemoryJournal(100, 1_000));
        channel = new EmbeddedChannel(
                new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), new SmtpChannelHandler(server, NO_TLS, false));
        assertThat(output()).isEqualTo(GREETING);

        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(output()).isEmpty();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(output()).isEqualTo("421 localhost Idle timeout, closing connection\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void a_client_close_without_quit_is_recorded() {
        open();
        read("EHLO client.example\r\n");

        channel.close();

        assertThat(session().endedBy()).contains(SessionEnd.CLIENT_CLOSE);
        assertThat(session().violations())
                .extracting(Violation::type)
                .containsExactly(Violation.Type.CLOSED_WITHOUT_QUIT);
    }

    @Test
    void starttls_flushes_220_in_plaintext_and_puts_tls_first_in_the_pipeline() {
        open(
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build(),
                () -> TlsContexts.serverContext(TlsConfig.generated()));
        read("EHLO client.example\r\n");
        output();

        read("STARTTLS\r\n");

        assertThat(output()).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
        assertThat(channel.pipeline().first()).isInstanceOf(SslHandler.class);
        assertThat(channel.pipeline().names()).startsWith(SmtpChannelHandler.TLS_HANDLER);
    }

    @Test
    void a_scripted_delay_runs_on_the_channel_scheduler_and_keeps_reading_meanwhile() {
        open();
        server.script().add(Rules.onNoop().willDelay(Duration.ofSeconds(5)));
        read("EHLO client.example\r\n");
        output();

        read("NOOP\r\n");
        assertThat(output()).isEmpty();
        assertThat(channel.config().isAutoRead()).isTrue();

        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(output()).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void replies_are_the_same_as_through_the_engine_for_hostile_lines() {
        open();
        output();
        List<String> lines = List.of("EHLO client.example\r\n", "NO\0OP\r\n", "NOOP\n", "XYZZY\r\n");

        lines.forEach(this::read);

        assertThat(output())
                .isEqualTo(EHLO_REPLY
                        + "500 5.5.2 NUL octet in command line\r\n"
                        + "500 5.5.2 Bare CR or LF in command line; lines must end with CRLF (RFC 5321 section 2.3.8)\r\n"
                        + "500 5.5.1 Command unrecognized\r\n");
    }

    /** Backpressure through Netty's own writability events: a batch far over the write buffer is answered in full. */
    @Test
    void a_pipelined_batch_larger_than_the_write_buffer_is_answered_in_full_and_in_order() {
        open();
        output();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16, 32));
        int flushesBefore = flushCounter.flushes;

        read("EHLO client.example\r\n" + "NOOP\r\n".repeat(50) + "QUIT\r\n");
        channel.runPendingTasks();

        assertThat(output()).isEqualTo(EHLO_REPLY + "250 2.0.0 OK\r\n".repeat(50) + "221 2.0.0 localhost Bye\r\n");
        assertThat(flushCounter.flushes - flushesBefore)
                .as("replies leave as the write buffer fills, not all at the end")
                .isGreaterThan(10);
    }
}
