/**
 * Sample: {@link dev.twofifty.samples.failover.FailoverMailer} sends through SMTP and fails over to an HTTP
 * e-mail API when SMTP fails temporarily. Its tests fake both sides: TwoFifty for SMTP, WireMock for
 * HTTP, and verify both.
 */
package dev.twofifty.samples.failover;
