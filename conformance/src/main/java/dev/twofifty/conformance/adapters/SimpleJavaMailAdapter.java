package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import jakarta.mail.Message;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.simplejavamail.MailException;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.email.Recipient;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.converter.EmailConverter;
import org.simplejavamail.mailer.MailValidationException;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Drives Simple Java Mail ({@code MailerBuilder}, {@code EmailBuilder}) with its defaults. Simple Java
 * Mail composes its own MIME message: the request's message is read with
 * {@code EmailConverter.emlToEmailBuilder} (subject, body, headers, attachments) and Simple Java Mail
 * writes it anew, so it has no {@link Feature#RAW_CONTENT}. It opens one connection per
 * {@code sendMail} (without its batch module), so no {@link Feature#SEVERAL_MESSAGES_PER_CONNECTION}:
 * several messages are sent one connection each. Its API has no DSN options and no way to allow UTF-8
 * addresses (its validator, JMail's strict one, checks every address first), so neither feature is
 * declared.
 *
 * <p>Configuration through the builder: the transport strategy from the request's security
 * ({@code SMTP} for none and for STARTTLS-if-offered, {@code SMTP_TLS} for STARTTLS required,
 * {@code SMTPS} for implicit TLS; plain {@code SMTP} is opportunistic STARTTLS by Simple Java Mail's
 * default, so a request without TLS turns {@code mail.smtp.starttls.enable} off with
 * {@code withProperty}), {@code withSMTPServer} with the credentials, {@code withSessionTimeout}
 * (connect, read and write timeout alike) and {@code mail.smtp.localhost} for the EHLO name. The
 * envelope: the sender through {@code withBounceTo} (Simple Java Mail's envelope sender), the
 * recipients through {@code withOverrideReceivers}; the null sender cannot be expressed, so it is a
 * {@code LOCAL_REJECT}.
 *
 * <p>Trust: Simple Java Mail trusts every host by default ({@code trustingAllHosts(true)}, that is
 * {@code mail.smtp.ssl.trust=*}; server identity verification stays on), so the endpoint's trust is
 * not given to it: {@code withCustomSSLFactoryInstance} would replace that default with the endpoint's
 * exact trust and hide it from the certificate cases. (Were it given, note that Simple Java Mail stores
 * the factory under {@code mail.smtp.ssl.socketFactory} even for SMTPS, where Angus reads
 * {@code mail.smtps.*}.)
 *
 * <p>Failures: Simple Java Mail's own validation ({@code MailValidationException}: completeness,
 * invalid addresses, suspicious CR/LF) is a {@code LOCAL_REJECT}; sending failures arrive as its
 * {@code MailerException} around the Angus exception, which {@link AngusOutcomes} unwraps.
 */
public final class SimpleJavaMailAdapter implements ClientAdapter {

    @Override
    public String name() {
        return "simple-java-mail (defaults)";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.STARTTLS, Feature.IMPLICIT_TLS, Feature.AUTH);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        List<Outcome> outcomes = new ArrayList<>();
        Mailer mailer;
        try {
            mailer = mailer(endpoint, request);
        } catch (MailException | IllegalArgumentException e) {
            Outcome failure = Outcome.localReject(AngusOutcomes.describe(e));
            request.messages().forEach(message -> outcomes.add(failure));
            return outcomes;
        }
        try {
            for (byte[] raw : request.messages()) {
                outcomes.add(sendOne(mailer, raw, request));
            }
        } finally {
            // A mailer owns an executor (unused when sending synchronously); release it as an application would.
            mailer.shutdownConnectionPool();
        }
        return outcomes;
    }

    private static Outcome sendOne(Mailer mailer, byte[] raw, MailRequest request) {
        if (request.from().isEmpty()) {
            return Outcome.localReject("Simple Java Mail has no way to send with the null sender <>");
        }
        Email email;
        try {
            EmailPopulatingBuilder builder = EmailConverter.emlToEmailBuilder(new ByteArrayInputStream(raw));
            if (builder.getFromRecipient() == null) {
                builder.from(request.from());
            }
            List<Recipient> envelope = request.to().stream()
                    .map(address -> new Recipient(null, address, Message.RecipientType.TO))
                    .toList();
            if (builder.getRecipients().isEmpty()) {
                builder.to(envelope);
            }
            email = builder.withBounceTo(request.from())
                    .withOverrideReceivers(envelope)
                    .buildEmail();
        } catch (MailException | IllegalArgumentException | IllegalStateException e) {
            return Outcome.localReject(AngusOutcomes.describe(e));
        }
        try {
            mailer.sendMail(email);
            return Outcome.delivered();
        } catch (MailValidationException e) {
            return Outcome.localReject(AngusOutcomes.describe(e));
        } catch (MailException | IllegalStateException e) {
            return AngusOutcomes.classify(e, -1);
        }
    }

    private static Mailer mailer(Endpoint endpoint, MailRequest request) {
        boolean implicit = request.security() == MailRequest.Security.IMPLICIT_TLS;
        TransportStrategy strategy = switch (request.security()) {
            case NONE, STARTTLS_IF_OFFERED -> TransportStrategy.SMTP;
            case STARTTLS_REQUIRED -> TransportStrategy.SMTP_TLS;
            case IMPLICIT_TLS -> TransportStrategy.SMTPS;
        };
        String user =
                request.credentials() == null ? null : request.credentials().user();
        String password =
                request.credentials() == null ? null : request.credentials().password();
        var builder = MailerBuilder.withSMTPServer(
                        endpoint.host(), implicit ? endpoint.smtpsPort() : endpoint.port(), user, password)
                .withTransportStrategy(strategy)
                .withSessionTimeout(
                        (int) Math.min(Integer.MAX_VALUE, endpoint.timeout().toMillis()))
                .withProperty("mail.smtp.localhost", JakartaMailSupport.EHLO_NAME)
                .withProperty("mail.smtps.localhost", JakartaMailSupport.EHLO_NAME);
        if (request.security() == MailRequest.Security.NONE) {
            builder = builder.withProperty("mail.smtp.starttls.enable", "false");
        }
        return builder.buildMailer();
    }
}
