/**
 * The load harness of the benchmarks: it starts each server in a process of its own (the Java servers
 * in JVMs with identical options, Postfix's {@code smtp-sink} as itself), loads it with Postfix's
 * {@code smtp-source}, Angus Mail and idle connections from outside, checks that the server stored
 * exactly what was sent, repeats everything with the servers alternated, and renders the figures as
 * ratios of TwoFifty to each peer. {@link dev.twofifty.benchmarks.harness.Harness} is the entry point;
 * {@code docs/benchmarks.md} says what each figure means.
 */
package dev.twofifty.benchmarks.harness;
