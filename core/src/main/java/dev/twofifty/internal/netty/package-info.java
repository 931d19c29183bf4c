/** The Netty transport: listeners, the channel pipeline and the bridge to the engine. Not API. */
package dev.twofifty.internal.netty;
