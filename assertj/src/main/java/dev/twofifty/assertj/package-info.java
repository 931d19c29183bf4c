/**
 * AssertJ assertions for TwoFifty: {@link dev.twofifty.assertj.SmtpAssertions} is the entry point,
 * with one assert per recorded thing (server or journal, message, envelope, attachment, session,
 * transcript), eventually-checks with {@code within(Duration)}, and soft assertions ({@link
 * dev.twofifty.assertj.SmtpSoftAssertions}). The failure messages live in {@code
 * dev.twofifty.assertj.error}.
 */
package dev.twofifty.assertj;
