/**
 * The Java servers measured side by side (TwoFifty, GreenMail and SubEthaSMTP's Wiser), each behind
 * one small {@link dev.twofifty.benchmarks.peers.RunningServer} interface, and
 * {@link dev.twofifty.benchmarks.peers.PeerServer}, the main class each server's own JVM runs so that
 * the harness can load it from outside and ask it for its message count and heap.
 */
package dev.twofifty.benchmarks.peers;
