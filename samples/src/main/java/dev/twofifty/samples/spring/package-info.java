/**
 * Sample: a Spring Boot application whose {@link dev.twofifty.samples.spring.WelcomeMailService} sends
 * mail through Spring's {@code JavaMailSender} and retries temporary failures with Spring Retry. Its
 * {@code @SpringBootTest} gets the fake server's host and port through the {@code spring.mail.*}
 * system properties that the TwoFifty JUnit extension publishes.
 */
package dev.twofifty.samples.spring;
