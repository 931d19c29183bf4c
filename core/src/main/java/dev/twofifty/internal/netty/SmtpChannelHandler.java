package dev.twofifty.internal.netty;

import dev.twofifty.internal.engine.ServerContext;
import dev.twofifty.internal.engine.SmtpSession;
import dev.twofifty.internal.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The bridge between one Netty channel and its {@link SmtpSession}: bytes in, bytes out, timers and
 * TLS. All protocol logic is in the session; this class only translates.
 */
final class SmtpChannelHandler extends ChannelInboundHandlerAdapter implements Transport {

    static final String TLS_HANDLER = "tls";

    private final ServerContext server;
    private final Supplier<SslContext> sslContext;
    private final boolean implicitTls;
    private ChannelHandlerContext context;
    private SmtpSession session;
    /** Whether the session wants input; reading also waits while the client does not take our replies. */
    private boolean sessionReading = true;

    SmtpChannelHandler(ServerContext server, Supplier<SslContext> sslContext, boolean implicitTls) {
        this.server = server;
        this.sslContext = sslContext;
        this.implicitTls = implicitTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = ctx;
        session = server.newSession(this, describe(ctx.channel().remoteAddress()), implicitTls);
        session.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            session.onInput(bytes.nioBuffer());
        } finally {
            bytes.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.onReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.onClosed();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Backpressure: a client that does not read its replies must not make us queue them without
        // bound, so stop reading its commands until the queued replies have drained.
        updateReading(ctx);
        if (session != null) {
            session.onWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            session.onIdle();
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                SSLSession ssl = ctx.pipeline().get(SslHandler.class).engine().getSession();
                session.onTlsEstablished(ssl.getProtocol(), ssl.getCipherSuite());
            } else {
                session.onTlsFailed(handshake.cause());
            }
        } else if (event instanceof SslCloseCompletionEvent close && close.isSuccess()) {
            session.onTlsCloseNotify();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session == null) {
            ctx.close();
            return;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            session.onTlsFailed(cause.getCause());
        } else if (cause instanceof java.io.IOException) {
            // The network or the client (a reset, say): the session ends as closed by the client.
            session.onTransportError(cause);
            ctx.close();
        } else {
            // A bug of ours: say so on the wire and in the journal, and keep serving everyone else.
            session.onInternalError(cause);
        }
    }

    // ---- Transport

    @Override
    public void write(byte[] bytes) {
        context.write(Unpooled.wrappedBuffer(bytes), context.voidPromise());
    }

    @Override
    public void flush() {
        context.flush();
    }

    @Override
    public void close() {
        // Close once everything written so far has left, so a final reply is never cut off.
        context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void reset() {
        context.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        context.close();
    }

    @Override
    public boolean isWritable() {
        return context.channel().isWritable();
    }

    @Override
    public void setReading(boolean reading) {
        sessionReading = reading;
        updateReading(context);
    }

    private void updateReading(ChannelHandlerContext ctx) {
        boolean read = sessionReading && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                session.onInternalError(e);
            }
        };
        ScheduledFuture<?> future = context.executor().schedule(guarded, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        if (context.executor().inEventLoop()) {
            task.run();
        } else {
            context.executor().execute(task);
        }
    }

    @Override
    public void startTls() {
        SslHandler handler = sslContext.get().newHandler(context.alloc());
        // The 220 is already queued ahead of this handler, so the next flush sends it in plaintext.
        context.pipeline().addFirst(TLS_HANDLER, handler);
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
