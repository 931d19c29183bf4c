package dev.twofifty.internal.netty;

import dev.twofifty.internal.engine.ServerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the pipeline of an accepted connection, in this order:
 *
 * <ol>
 *   <li>{@code tls}: the {@code SslHandler}, only on the implicit-TLS port; after STARTTLS the session
 *       inserts it here itself;
 *   <li>{@code idle}: raises an event when the client has sent nothing for the idle timeout;
 *   <li>{@code smtp}: the {@link SmtpChannelHandler}, which hands bytes to the protocol engine.
 * </ol>
 *
 * There is no framing decoder: framing depends on the protocol state (command lines, DATA content,
 * BDAT chunks), so the engine does it.
 */
final class SmtpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ServerContext server;
    private final Supplier<SslContext> sslContext;
    private final boolean implicitTls;

    SmtpChannelInitializer(ServerContext server, Supplier<SslContext> sslContext, boolean implicitTls) {
        this.server = server;
        this.sslContext = sslContext;
        this.implicitTls = implicitTls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (implicitTls) {
            pipeline.addLast(SmtpChannelHandler.TLS_HANDLER, sslContext.get().newHandler(channel.alloc()));
        }
        long idleNanos = server.config().limits().idleTimeout().toNanos();
        pipeline.addLast("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
        pipeline.addLast("smtp", new SmtpChannelHandler(server, sslContext, implicitTls));
    }
}
