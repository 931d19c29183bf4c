package dev.twofifty.samples.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.samples.angus.Email;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A client for an e-mail API in the style of the big providers: {@code POST /v1/messages} with a JSON
 * message and a bearer API key, answered by {@code 202 Accepted} and the provider's message id.
 *
 * <pre>
 * POST /v1/messages
 * Authorization: Bearer KEY
 * {"from": "shop@example.com", "to": ["ann@example.com"], "cc": [], "bcc": [],
 *  "subject": "Your order", "text": "Thank you!", "html": null,
 *  "attachments": [{"filename": "invoice.pdf", "contentType": "application/pdf", "content": "BASE64"}]}
 *
 * 202 Accepted
 * {"id": "msg-7f3a"}
 * </pre>
 */
public final class HttpMailApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI messages;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUri where the API is, for example {@code https://api.mail.example}
     * @param apiKey the key sent as a bearer token
     * @param timeout the connect timeout and the timeout of each request
     */
    public HttpMailApi(URI baseUri, String apiKey, Duration timeout) {
        this.messages = baseUri.resolve("/v1/messages");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Sends the mail through the API.
     *
     * @return the provider's id for the message
     * @throws HttpMailApiException when the API does not accept it or cannot be reached
     */
    public String send(Email email) throws HttpMailApiException {
        HttpRequest request = HttpRequest.newBuilder(messages)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(email)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HttpMailApiException("The e-mail API at " + messages + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpMailApiException("Interrupted while sending to the e-mail API at " + messages, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new HttpMailApiException(
                    "The e-mail API answered " + response.statusCode() + ": " + response.body(), null);
        }
        try {
            return JSON.readTree(response.body()).path("id").asText();
        } catch (IOException e) {
            throw new HttpMailApiException("The e-mail API answered something else than JSON: " + response.body(), e);
        }
    }

    static String toJson(Email email) {
        ObjectNode message = JSON.createObjectNode();
        message.put("from", email.from());
        addresses(message.putArray("to"), email.to());
        addresses(message.putArray("cc"), email.cc());
        addresses(message.putArray("bcc"), email.bcc());
        message.put("subject", email.subject());
        message.put("text", email.text());
        message.put("html", email.html());
        ArrayNode attachments = message.putArray("attachments");
        for (Email.Attachment attachment : email.attachments()) {
            attachments
                    .addObject()
                    .put("filename", attachment.fileName())
                    .put("contentType", attachment.contentType())
                    .put("content", Base64.getEncoder().encodeToString(attachment.content()));
        }
        return message.toString();
    }

    private static void addresses(ArrayNode array, List<String> addresses) {
        addresses.forEach(array::add);
    }
}
