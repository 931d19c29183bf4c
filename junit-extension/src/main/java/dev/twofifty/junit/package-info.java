/**
 * A JUnit 5 and 6 extension that gives tests a fake SMTP server: {@link dev.twofifty.junit.SmtpTest}
 * on a class, or a {@link dev.twofifty.junit.FakeSmtpExtension} field with {@code @RegisterExtension}.
 */
package dev.twofifty.junit;
