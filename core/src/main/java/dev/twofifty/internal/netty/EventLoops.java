package dev.twofifty.internal.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one I/O event loop group of the JVM, shared by every fake server, created on first use.
 *
 * <p>This is the project's one piece of static state, on purpose: creating and shutting down a
 * group costs milliseconds and threads, and servers are started per test. The threads are daemons,
 * so an idle group never keeps the JVM alive, and no server owns it, so closing a server never
 * stalls on it.
 */
public final class EventLoops {

    private EventLoops() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("twofifty-io", true),
                NioIoHandler.newFactory());
    }

    /** The shared group. */
    public static EventLoopGroup group() {
        return Holder.GROUP;
    }
}
