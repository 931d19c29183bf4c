/** In-memory certificate generation. Not API. */
package dev.twofifty.internal.tls;
