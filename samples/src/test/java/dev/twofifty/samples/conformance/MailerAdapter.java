package dev.twofifty.samples.conformance;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

// tag::adapter[]
/**
 * The sample application's own {@link Mailer} as a conformance client: what a team writes to check its mail
 * code, not a library, against the catalogue. Cases that need a feature it lacks (TLS, raw content) are N/A.
 */
final class MailerAdapter implements ClientAdapter {

    @Override
    public String name() {
        return "sample Mailer";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.noneOf(Feature.class); // plain SMTP, a connection per message, no TLS or AUTH
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        // One attempt: the case judges what the client does with a reply, not what a retry loop hides.
        Mailer mailer = new Mailer(endpoint.host(), endpoint.port(), 1, endpoint.timeout());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            Email email = Email.of(request.from(), request.to().get(0), "Conformance", request.messageText());
            if (request.to().size() > 1) {
                email = email.withCc(
                        request.to().subList(1, request.to().size()).toArray(String[]::new));
            }
            try {
                mailer.send(email);
                outcomes.add(Outcome.delivered());
            } catch (MailDeliveryException e) {
                int code = Math.max(e.replyCode(), 0); // -1 (no reply) is a lost connection: code 0
                outcomes.add(
                        e.isTransient()
                                ? Outcome.transientFailure(code, e.getMessage())
                                : Outcome.permanentFailure(code, e.getMessage()));
            } catch (IllegalArgumentException e) {
                outcomes.add(Outcome.localReject(e.getMessage())); // the mailer refused the input itself
            }
        }
        return outcomes;
    }
}
// end::adapter[]
