package dev.twofifty.internal.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one I/O event loop group of the JVM, shared by every fake server, created on first use.
 *
 * <p>This is the project's one piece of static state, on purpose: creating and shutting down a
 * group costs milliseconds and threads, and servers are started per test. The threads are daemons,
 * so an idle group never keeps the JVM alive, and no server owns it, so closing a server never
 * stalls on it.
 *
 * <p>A server's listening socket goes to the next loop in turn, so the servers of parallel tests spread
 * over the loops; a connection it accepts stays on the accepting loop. That saves a hand-over to another
 * thread (a wake-up and a context switch) on every connection, which is most of what a new connection
 * costs, and keeps each server's sessions on one thread, as {@code smtp-sink} does.
 */
public final class EventLoops {

    private EventLoops() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                new ThreadPerTaskExecutor(new DefaultThreadFactory("twofifty-io", true)),
                new StayOnTheCallingLoop(),
                NioIoHandler.newFactory());
    }

    /** The shared group. */
    public static EventLoopGroup group() {
        return Holder.GROUP;
    }

    /**
     * Chooses the calling thread's own loop when it is one of the group's (an accepting listener registering
     * the connection it accepted), and otherwise the next loop in turn (a test thread binding a server).
     */
    static final class StayOnTheCallingLoop implements EventExecutorChooserFactory {

        @Override
        public EventExecutorChooser newChooser(EventExecutor[] executors) {
            EventExecutor[] loops = executors.clone();
            AtomicInteger turn = new AtomicInteger();
            return () -> {
                for (EventExecutor loop : loops) {
                    if (loop.inEventLoop()) {
                        return loop;
                    }
                }
                return loops[Math.floorMod(turn.getAndIncrement(), loops.length)];
            };
        }
    }
}
