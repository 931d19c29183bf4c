package dev.twofifty.standalone.internal;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.internal.netty.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The admin HTTP API of the standalone server, on Netty's HTTP codec and the same event loops as
 * the SMTP server. Routes are in {@link AdminHandler}.
 */
public final class AdminServer implements AutoCloseable {

    /** The largest request body accepted (rule uploads), in bytes. */
    static final int MAX_REQUEST = 4 * 1024 * 1024;

    private final Channel channel;
    /** Accepted connections: keep-alive ones would go on serving after the listener closes. */
    private final ChannelGroup connections;

    private final AtomicBoolean closed;

    private AdminServer(Channel channel, ChannelGroup connections, AtomicBoolean closed) {
        this.channel = channel;
        this.connections = connections;
        this.closed = closed;
    }

    /**
     * Starts the admin API for a server.
     *
     * @param token the bearer token required on {@code /api/*} (except health), or {@code null} for none
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static AdminServer start(FakeSmtpServer smtp, String host, int port, String token) {
        ChannelGroup connections = new DefaultChannelGroup("twofifty-admin", GlobalEventExecutor.INSTANCE);
        AtomicBoolean closed = new AtomicBoolean();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(EventLoops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        if (closed.get()) { // accepted while closing, after the group was closed
                            channel.close();
                            return;
                        }
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST))
                                .addLast("admin", new AdminHandler(smtp, token));
                    }
                });
        try {
            return new AdminServer(bootstrap.bind(host, port).sync().channel(), connections, closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            throw new UncheckedIOException(
                    "Cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound address. */
    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    /** Stops listening and closes the open connections (a closed API must not answer on kept-alive ones). */
    @Override
    public void close() {
        closed.set(true);
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
