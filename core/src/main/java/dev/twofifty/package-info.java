/**
 * TwoFifty's in-process fake SMTP server: {@link dev.twofifty.FakeSmtpServer}, its
 * {@link dev.twofifty.ServerConfig} and {@link dev.twofifty.Limits}. Scripts live in
 * {@code dev.twofifty.script}, recordings in {@code dev.twofifty.journal}.
 */
package dev.twofifty;
