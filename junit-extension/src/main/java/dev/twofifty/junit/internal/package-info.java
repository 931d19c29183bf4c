/** The JUnit extension's implementation. Not API. */
package dev.twofifty.junit.internal;
