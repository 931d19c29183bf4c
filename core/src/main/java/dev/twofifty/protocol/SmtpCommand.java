package dev.twofifty.protocol;

import java.util.Objects;

/**
 * One command line from an SMTP client, parsed. Every line the server reads in command state becomes
 * exactly one of these records; a line that cannot be parsed becomes {@link Malformed} with the reply
 * the conformant server gives it, and an unknown verb becomes {@link Unknown}.
 *
 * <p>{@link #verb()} is the command verb in upper case; {@link #argument()} is the rest of the line
 * after the first space, exactly as sent (for example {@code FROM:<ann@example.com> SIZE=1024}).
 */
public sealed interface SmtpCommand {

    /** The command verb in upper case, for example {@code MAIL}. */
    String verb();

    /** The text after the verb and one space, exactly as sent; empty when there is none. */
    String argument();

    /** {@code HELO domain} (RFC 5321 §4.1.1.1). */
    record Helo(String domain) implements SmtpCommand {
        public Helo {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String verb() {
            return "HELO";
        }

        @Override
        public String argument() {
            return domain;
        }
    }

    /** {@code EHLO domain} (RFC 5321 §4.1.1.1). */
    record Ehlo(String domain) implements SmtpCommand {
        public Ehlo {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String verb() {
            return "EHLO";
        }

        @Override
        public String argument() {
            return domain;
        }
    }

    /** {@code MAIL FROM:<reverse-path> [parameters]} (RFC 5321 §4.1.1.2). */
    record MailFrom(Path reversePath, EsmtpParameters parameters, String argument) implements SmtpCommand {
        public MailFrom {
            Objects.requireNonNull(reversePath, "reversePath");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "MAIL";
        }
    }

    /** {@code RCPT TO:<forward-path> [parameters]} (RFC 5321 §4.1.1.3). */
    record RcptTo(Path forwardPath, EsmtpParameters parameters, String argument) implements SmtpCommand {
        public RcptTo {
            Objects.requireNonNull(forwardPath, "forwardPath");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "RCPT";
        }
    }

    /** {@code DATA} (RFC 5321 §4.1.1.4). */
    record Data() implements SmtpCommand {
        @Override
        public String verb() {
            return "DATA";
        }

        @Override
        public String argument() {
            return "";
        }
    }

    /** {@code BDAT size [LAST]} (RFC 3030 §2), followed on the wire by exactly {@code size} octets. */
    record Bdat(long size, boolean last, String argument) implements SmtpCommand {
        public Bdat {
            if (size < 0) {
                throw new IllegalArgumentException("BDAT size must not be negative: " + size);
            }
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "BDAT";
        }
    }

    /** {@code RSET} (RFC 5321 §4.1.1.5). */
    record Rset() implements SmtpCommand {
        @Override
        public String verb() {
            return "RSET";
        }

        @Override
        public String argument() {
            return "";
        }
    }

    /** {@code NOOP [string]} (RFC 5321 §4.1.1.9). */
    record Noop(String argument) implements SmtpCommand {
        public Noop {
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "NOOP";
        }
    }

    /** {@code QUIT} (RFC 5321 §4.1.1.10). */
    record Quit() implements SmtpCommand {
        @Override
        public String verb() {
            return "QUIT";
        }

        @Override
        public String argument() {
            return "";
        }
    }

    /** {@code VRFY string} (RFC 5321 §4.1.1.6). */
    record Vrfy(String argument) implements SmtpCommand {
        public Vrfy {
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "VRFY";
        }
    }

    /** {@code EXPN string} (RFC 5321 §4.1.1.7). */
    record Expn(String argument) implements SmtpCommand {
        public Expn {
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "EXPN";
        }
    }

    /** {@code HELP [string]} (RFC 5321 §4.1.1.8). */
    record Help(String argument) implements SmtpCommand {
        public Help {
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public String verb() {
            return "HELP";
        }
    }

    /** {@code STARTTLS} (RFC 3207 §4). */
    record StartTls() implements SmtpCommand {
        @Override
        public String verb() {
            return "STARTTLS";
        }

        @Override
        public String argument() {
            return "";
        }
    }

    /**
     * {@code AUTH mechanism [initial-response]} (RFC 4954 §4). The initial response is kept here for
     * the engine; journals and logs show it masked.
     *
     * @param mechanism the SASL mechanism name in upper case
     * @param initialResponse the base64 initial response, or empty when none was sent
     */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(initialResponse, "initialResponse");
        }

        @Override
        public String verb() {
            return "AUTH";
        }

        @Override
        public String argument() {
            return initialResponse.isEmpty() ? mechanism : mechanism + " " + initialResponse;
        }

        @Override
        public String toString() {
            return "Auth[mechanism=" + mechanism + ", initialResponse=" + (initialResponse.isEmpty() ? "" : "****")
                    + "]";
        }
    }

    /** A line whose verb the server does not know. */
    record Unknown(String verb, String argument) implements SmtpCommand {
        public Unknown {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /**
     * A line with a known verb whose syntax is wrong, with the reply the conformant server gives it.
     *
     * @param verb the verb in upper case
     * @param argument the rest of the line as sent
     * @param reply the default reply, for example {@code 501 5.5.4 Syntax error in parameters}
     */
    record Malformed(String verb, String argument, SmtpReply reply) implements SmtpCommand {
        public Malformed {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(argument, "argument");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
