/**
 * Benchmarks of TwoFifty against its peers: JMH benchmarks of the in-process server
 * ({@link dev.twofifty.benchmarks.StartStopBenchmark}, {@link dev.twofifty.benchmarks.AngusSendBenchmark}),
 * the servers as the load harness runs them ({@code peers}), and the harness itself ({@code harness}).
 */
package dev.twofifty.benchmarks;
