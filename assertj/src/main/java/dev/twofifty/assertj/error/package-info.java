/**
 * The failure messages of the TwoFifty assertions: one small {@link
 * org.assertj.core.error.BasicErrorMessageFactory} per kind of failure, in AssertJ's layout
 * ({@code Expecting actual: ... to have ... but had ...}), each showing what the server actually
 * received.
 */
package dev.twofifty.assertj.error;
