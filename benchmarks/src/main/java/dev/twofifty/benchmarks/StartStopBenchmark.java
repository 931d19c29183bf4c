package dev.twofifty.benchmarks;

import dev.twofifty.benchmarks.peers.JavaServer;
import dev.twofifty.benchmarks.peers.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process start, first greeting read by a client, and stop: what a test pays for a server of
 * its own, for TwoFifty and its Java peers. Reported as a sample-time distribution (look at the
 * p0.50 line for the median).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StartStopBenchmark {

    /** Which server to start: a {@link JavaServer#id()}. */
    @Param({"twofifty", "greenmail", "wiser"})
    public String server;

    private JavaServer kind;

    @Setup
    public void resolve() {
        kind = JavaServer.byId(server);
    }

    @Benchmark
    public int startGreetStop() throws IOException {
        try (RunningServer running = kind.start();
                Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 5_000);
            socket.setSoTimeout(5_000);
            return readLine(socket.getInputStream());
        }
    }

    static int readLine(InputStream in) throws IOException {
        int count = 0;
        int b;
        while ((b = in.read()) >= 0) {
            count++;
            if (b == '\n') {
                return count;
            }
        }
        throw new IOException("closed after " + count + " bytes");
    }
}
