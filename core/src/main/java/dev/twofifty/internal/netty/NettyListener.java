package dev.twofifty.internal.netty;

import dev.twofifty.internal.engine.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** One listening socket of a fake server (plain SMTP, or implicit TLS) on the shared event loops. */
public final class NettyListener implements AutoCloseable {

    private final Channel channel;

    private NettyListener(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static NettyListener bind(
            ServerContext server, String host, int port, Supplier<SslContext> sslContext, boolean implicitTls) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(EventLoops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new SmtpChannelInitializer(server, sslContext, implicitTls));
        int buffer = server.config().limits().socketBufferSize();
        if (buffer > 0) {
            // Small buffers on purpose: a client that sends without reading its replies then blocks.
            // The receive buffer is set on the listening socket too, so accepted sockets start with it.
            bootstrap
                    .option(ChannelOption.SO_RCVBUF, buffer)
                    .childOption(ChannelOption.SO_RCVBUF, buffer)
                    .childOption(ChannelOption.SO_SNDBUF, buffer)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(buffer / 2, buffer));
        }
        try {
            Channel channel = bootstrap.bind(host, port).sync().channel();
            return new NettyListener(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            throw new java.io.UncheckedIOException(
                    "Cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                    e instanceof java.io.IOException io ? io : new java.io.IOException(e));
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound address, as given to {@link #bind}. */
    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    /** Stops accepting; open connections are not touched. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
