/**
 * The protocol engine: input framing, command parsing, the session state machine, SASL, and the
 * script decisions. It does not depend on Netty; the transport is the {@link
 * dev.twofifty.internal.engine.Transport} interface. Not API.
 */
package dev.twofifty.internal.engine;
