package dev.twofifty.junit;

/** How long a server started by {@link SmtpTest} lives. */
public enum Lifecycle {
    /** A fresh server for each test. */
    PER_METHOD,
    /** One server for all tests of the class (and its {@code @Nested} classes), reset before each test. */
    PER_CLASS
}
