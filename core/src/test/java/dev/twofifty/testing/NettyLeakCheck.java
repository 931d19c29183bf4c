package dev.twofifty.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty's leak detector reported a leaked buffer ("LEAK: ..."), so
 * that a leak fails the build instead of scrolling by in a log. Registered for every Jupiter test
 * class of core through {@code META-INF/services} (autodetection is on in
 * {@code junit-platform.properties}); the build runs with {@code -Dio.netty.leakDetection.level=paranoid}
 * (core's Surefire {@code argLine}), and the level is raised to {@code PARANOID} here when nothing
 * chose one, so that a run from an IDE checks too.
 *
 * <p>Netty reports a leak only once the leaked buffer is garbage-collected, and only when it
 * allocates the next tracked buffer. After each class this forces a collection, waits for the
 * collected references to be queued, and allocates, so that leaks show up where they happen (or,
 * rarely, one class later). Netty logs through {@code java.util.logging} in core's tests (no SLF4J on
 * the test class path); a handler on the leak detector's logger collects the reports.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final String LEAK_PREFIX = "LEAK:";
    /** Held strongly: java.util.logging keeps loggers only weakly, and with them their handlers. */
    private static final Logger DETECTOR_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());

    private static final List<String> reports = new ArrayList<>();

    static {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
            throw new IllegalStateException("Netty does not log through java.util.logging but through "
                    + InternalLoggerFactory.getDefaultFactory().getClass().getName()
                    + ": NettyLeakCheck would not see its leak reports");
        }
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        DETECTOR_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (message != null && message.startsWith(LEAK_PREFIX)) {
                    synchronized (reports) {
                        reports.add(message);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        if (!DETECTOR_LOGGER.isLoggable(Level.SEVERE)) {
            DETECTOR_LOGGER.setLevel(Level.SEVERE);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // A leak of an earlier class (found late) is reported there, not here: collect it now.
        collectReports();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collectReports();
        if (!leaks.isEmpty()) {
            StringBuilder message = new StringBuilder()
                    .append(leaks.size())
                    .append(" Netty leak report(s) after ")
                    .append(context.getDisplayName())
                    .append(" (the leak may come from the class before it):");
            leaks.forEach(leak -> message.append("\n\n").append(leak));
            throw new AssertionError(message.toString());
        }
    }

    /** The leak reports so far, cleared; forces what the detector needs to find the leaks. */
    public static List<String> collectReports() {
        for (int round = 0; round < 2; round++) {
            awaitCollection();
            triggerDetection();
        }
        synchronized (reports) {
            List<String> found = List.copyOf(reports);
            reports.clear();
            return found;
        }
    }

    /** The number of leak reports not yet collected (for the soak test, which checks at its end). */
    public static int pendingReports() {
        synchronized (reports) {
            return reports.size();
        }
    }

    /** Collects garbage and waits (bounded) until the references it cleared are queued. */
    private static void awaitCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        System.gc();
        try {
            queue.remove(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sentinel.clear();
    }

    /** Allocates tracked buffers: the detector looks for collected leaks at each tracked allocation. */
    private static void triggerDetection() {
        for (ByteBufAllocator allocator :
                List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
            ByteBuf direct = allocator.directBuffer(1);
            ByteBuf heap = allocator.heapBuffer(1);
            direct.release();
            heap.release();
        }
    }
}
