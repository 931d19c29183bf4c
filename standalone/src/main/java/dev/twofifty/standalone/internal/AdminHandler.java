package dev.twofifty.standalone.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Rule;
import dev.twofifty.standalone.RuleJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The routes of the admin API. Every response is JSON except the raw message and the web view;
 * errors are {@code {"error": "..."}} with the status that fits (400 naming the field, 404, 405, 401,
 * 408). {@code docs/admin-api.md} is the contract.
 *
 * <p>For the remote client ({@code RemoteFakeSmtp}) there are also {@code GET /api/info} (where SMTP
 * listens), {@code GET /api/journal} (the journal's counts), {@code GET /api/sessions/await} (wait for
 * ended sessions) and {@code ?raw=true} on {@code GET /api/messages/{id}}.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MAX_AWAIT_MILLIS = 3_600_000;
    private static final String BEARER = "Bearer ";
    /** The endpoints that have no sub-paths. */
    private static final Set<String> SINGLE_SEGMENT = Set.of("near-misses", "reset", "openapi.json");

    private final FakeSmtpServer smtp;
    private final byte[] token;

    AdminHandler(FakeSmtpServer smtp, String token) {
        this.smtp = smtp;
        this.token = token == null ? null : (BEARER + token).getBytes(StandardCharsets.UTF_8);
    }

    /** A response to send, or {@code null} when the route answers later by itself. */
    private record Response(
            HttpResponseStatus status, String contentType, byte[] body, Map<CharSequence, String> headers) {
        Response(HttpResponseStatus status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        static Response json(HttpResponseStatus status, JsonNode json) {
            return new Response(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Response error(HttpResponseStatus status, String message, Map<CharSequence, String> headers) {
            ObjectNode json = NODES.objectNode().put("error", message);
            return new Response(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /** A request that cannot be served as asked; becomes an error response. */
    private static final class RequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpResponseStatus status;
        /** Headers the status needs: {@code Allow} on 405, {@code WWW-Authenticate} on 401 (RFC 9110 §15.5). */
        final transient Map<CharSequence, String> headers;

        RequestException(HttpResponseStatus status, String message) {
            this(status, message, Map.of());
        }

        RequestException(HttpResponseStatus status, String message, Map<CharSequence, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.headers = headers;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Response response;
        try {
            response = route(ctx, request);
        } catch (RequestException e) {
            response = Response.error(e.status, e.getMessage(), e.headers);
        } catch (RuleJson.RuleJsonException e) {
            response = Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            response = Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e, Map.of());
        }
        if (response != null) {
            send(ctx, HttpUtil.isKeepAlive(request), response);
        }
    }

    private Response route(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> path = segments(uri.path());
        HttpMethod method = request.method();
        if (path.isEmpty() || path.equals(List.of("index.html"))) {
            allow(method, HttpMethod.GET);
            return resource("web/index.html", "text/html; charset=utf-8");
        }
        if (!path.get(0).equals("api")) {
            throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such page: " + uri.path());
        }
        List<String> api = path.subList(1, path.size());
        if (api.equals(List.of("health"))) {
            allow(method, HttpMethod.GET);
            return Response.json(HttpResponseStatus.OK, NODES.objectNode().put("status", "UP"));
        }
        authorize(request);
        String first = api.isEmpty() ? "" : api.get(0);
        if (api.size() > 1 && SINGLE_SEGMENT.contains(first)) {
            // "POST /api/reset/anything" must not reset.
            throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: " + uri.path());
        }
        return switch (first) {
            case "info" -> info(method, api);
            case "journal" -> journal(method, api);
            case "messages" -> messages(ctx, request, method, api, uri.parameters());
            case "sessions" -> sessions(ctx, request, method, api, uri.parameters());
            case "rules" -> rules(request, method, api);
            case "near-misses" -> {
                allow(method, HttpMethod.GET);
                ArrayNode misses = NODES.arrayNode();
                smtp.nearMisses().forEach(miss -> misses.add(JournalJson.nearMiss(miss)));
                yield Response.json(HttpResponseStatus.OK, misses);
            }
            case "scenarios" -> scenarios(method, api);
            case "reset" -> {
                allow(method, HttpMethod.POST);
                smtp.reset();
                yield Response.json(HttpResponseStatus.OK, NODES.objectNode().put("reset", true));
            }
            case "openapi.json" -> {
                allow(method, HttpMethod.GET);
                yield resource("openapi.json", "application/json");
            }
            default -> throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: " + uri.path());
        };
    }

    // ---- /api/info and /api/journal

    /**
     * {@code GET /api/info}: where the SMTP server listens and which version runs, {@code {"smtpHost":
     * "127.0.0.1", "smtpPort": 2525, "smtpsPort": null, "version": "0.1.0"}}. {@code smtpsPort} is null
     * without an implicit-TLS listener, {@code version} is null in a development build. The remote client
     * ({@code RemoteFakeSmtp.connect}) reads it to learn where to send mail.
     */
    private Response info(HttpMethod method, List<String> api) {
        requireExactly(api, 1);
        allow(method, HttpMethod.GET);
        ObjectNode json = NODES.objectNode();
        json.put("smtpHost", smtp.host());
        json.put("smtpPort", smtp.port());
        if (smtp.config().smtpsPort() == ServerConfig.NO_PORT) {
            json.putNull("smtpsPort");
        } else {
            json.put("smtpsPort", smtp.smtpsPort());
        }
        json.put("version", AdminHandler.class.getPackage().getImplementationVersion());
        return Response.json(HttpResponseStatus.OK, json);
    }

    /**
     * {@code GET /api/journal}: the journal's counts, {@code {"messageCount": n, "evictedMessages": n,
     * "evictedSessions": n}} (the {@code Journal} methods of the same names).
     */
    private Response journal(HttpMethod method, List<String> api) {
        requireExactly(api, 1);
        allow(method, HttpMethod.GET);
        return Response.json(
                HttpResponseStatus.OK,
                NODES.objectNode()
                        .put("messageCount", smtp.journal().messageCount())
                        .put("evictedMessages", smtp.journal().evictedMessages())
                        .put("evictedSessions", smtp.journal().evictedSessions()));
    }

    private static void requireExactly(List<String> api, int size) {
        if (api.size() != size) {
            throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: /api/" + String.join("/", api));
        }
    }

    // ---- /api/messages

    private Response messages(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            HttpMethod method,
            List<String> api,
            Map<String, List<String>> query) {
        if (api.size() == 1) {
            allow(method, HttpMethod.GET, HttpMethod.DELETE);
            if (method.equals(HttpMethod.DELETE)) {
                smtp.journal().clear();
                return Response.json(HttpResponseStatus.OK, NODES.objectNode().put("deleted", true));
            }
            return Response.json(HttpResponseStatus.OK, messageList(smtp.messages(), flag(query, "raw")));
        }
        if (api.get(1).equals("await") && api.size() == 2) {
            allow(method, HttpMethod.GET);
            awaitMessages(ctx, request, query);
            return null;
        }
        ReceivedMessage message = smtp.journal()
                .message(id(api.get(1), "message"))
                .orElseThrow(() -> new RequestException(
                        HttpResponseStatus.NOT_FOUND, "No message with id " + api.get(1) + " in the journal"));
        allow(method, HttpMethod.GET);
        if (api.size() == 2) {
            ObjectNode detail = JournalJson.messageDetail(message);
            if (flag(query, "raw")) {
                // ?raw=true adds the content in base64, as on the list: what the remote client rebuilds from.
                detail.put("raw", Base64.getEncoder().encodeToString(message.raw()));
            }
            return Response.json(HttpResponseStatus.OK, detail);
        }
        if (api.size() == 3 && api.get(2).equals("raw")) {
            return new Response(HttpResponseStatus.OK, "message/rfc822", message.raw());
        }
        throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: /api/" + String.join("/", api));
    }

    private static ArrayNode messageList(List<ReceivedMessage> messages, boolean withRaw) {
        ArrayNode array = NODES.arrayNode();
        messages.forEach(message -> array.add(JournalJson.messageSummary(message, withRaw)));
        return array;
    }

    private void awaitMessages(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, List<String>> query) {
        long count = number(query, "count", 1, Integer.MAX_VALUE, null);
        long timeout = number(query, "timeoutMs", 0, MAX_AWAIT_MILLIS, 10_000L);
        boolean withRaw = flag(query, "raw");
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<List<ReceivedMessage>> arrived =
                smtp.journal().whenMessages((int) count).orTimeout(timeout, TimeUnit.MILLISECONDS);
        // A client that gives up must not leave a waiter behind.
        ctx.channel().closeFuture().addListener(closed -> arrived.cancel(false));
        arrived.whenComplete((messages, failure) -> ctx.executor().execute(() -> {
            if (failure == null) {
                send(ctx, keepAlive, Response.json(HttpResponseStatus.OK, messageList(messages, withRaw)));
            } else if (failure instanceof TimeoutException) {
                ObjectNode body = NODES.objectNode()
                        .put(
                                "error",
                                "Timed out after " + timeout + " ms waiting for " + count
                                        + (count == 1 ? " message" : " messages") + "; "
                                        + smtp.journal().messageCount() + " arrived")
                        .put("received", smtp.journal().messageCount());
                body.set("messages", messageList(smtp.messages(), false));
                send(ctx, keepAlive, Response.json(HttpResponseStatus.REQUEST_TIMEOUT, body));
            } else if (!(failure instanceof CancellationException)) {
                send(
                        ctx,
                        keepAlive,
                        Response.error(
                                HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + failure, Map.of()));
            }
        }));
    }

    // ---- /api/sessions

    private Response sessions(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            HttpMethod method,
            List<String> api,
            Map<String, List<String>> query) {
        allow(method, HttpMethod.GET);
        if (api.size() == 2 && api.get(1).equals("await")) {
            awaitEndedSessions(ctx, request, query);
            return null;
        }
        if (api.size() == 1) {
            return Response.json(HttpResponseStatus.OK, sessionList(smtp.sessions()));
        }
        if (api.size() == 2) {
            SessionRecord session = smtp.journal()
                    .session(id(api.get(1), "session"))
                    .orElseThrow(() -> new RequestException(
                            HttpResponseStatus.NOT_FOUND, "No session with id " + api.get(1) + " in the journal"));
            return Response.json(HttpResponseStatus.OK, JournalJson.session(session));
        }
        throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: /api/" + String.join("/", api));
    }

    private static ArrayNode sessionList(List<SessionRecord> sessions) {
        ArrayNode array = NODES.arrayNode();
        sessions.forEach(session -> array.add(JournalJson.session(session)));
        return array;
    }

    /**
     * {@code GET /api/sessions/await?ended=N&timeoutMs=T}: answers 200 with all sessions held once N
     * sessions have ended since the journal was last cleared, or 408 with {@code error}, {@code ended} and
     * {@code sessions} when the timeout passes first. Like the message await, nothing polls: the journal
     * completes a future.
     */
    private void awaitEndedSessions(
            ChannelHandlerContext ctx, FullHttpRequest request, Map<String, List<String>> query) {
        long count = number(query, "ended", 1, Integer.MAX_VALUE, null);
        long timeout = number(query, "timeoutMs", 0, MAX_AWAIT_MILLIS, 10_000L);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<List<SessionRecord>> ended =
                smtp.journal().whenEndedSessions((int) count).orTimeout(timeout, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> ended.cancel(false));
        ended.whenComplete((sessions, failure) -> ctx.executor().execute(() -> {
            if (failure == null) {
                send(ctx, keepAlive, Response.json(HttpResponseStatus.OK, sessionList(sessions)));
            } else if (failure instanceof TimeoutException) {
                List<SessionRecord> held = smtp.sessions();
                // Only ended sessions are evicted, so the held ended ones plus the evicted ones are all that ended.
                long endedSoFar =
                        held.stream().filter(session -> !session.isOpen()).count()
                                + smtp.journal().evictedSessions();
                ObjectNode body = NODES.objectNode()
                        .put(
                                "error",
                                "Timed out after " + timeout + " ms waiting for " + count
                                        + (count == 1 ? " session" : " sessions") + " to end; " + endedSoFar
                                        + " ended")
                        .put("ended", endedSoFar);
                body.set("sessions", sessionList(held));
                send(ctx, keepAlive, Response.json(HttpResponseStatus.REQUEST_TIMEOUT, body));
            } else if (!(failure instanceof CancellationException)) {
                send(
                        ctx,
                        keepAlive,
                        Response.error(
                                HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + failure, Map.of()));
            }
        }));
    }

    // ---- /api/rules

    private Response rules(FullHttpRequest request, HttpMethod method, List<String> api) {
        if (api.size() == 1) {
            allow(method, HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE);
            if (method.equals(HttpMethod.GET)) {
                ArrayNode array = NODES.arrayNode();
                smtp.rules().forEach(rule -> array.add(ruleJson(rule)));
                return Response.json(HttpResponseStatus.OK, array);
            }
            if (method.equals(HttpMethod.DELETE)) {
                smtp.resetRules();
                return Response.json(HttpResponseStatus.OK, NODES.objectNode().put("deleted", true));
            }
            String body = request.content().toString(StandardCharsets.UTF_8);
            List<Rule> rules = RuleJson.parse(body);
            // Parse all first: a request with one bad rule adds none.
            List<ActiveRule> added = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                try {
                    added.add(smtp.stubFor(rules.get(i)));
                } catch (IllegalArgumentException e) {
                    // A rule that conflicts with the script (a scenario kept per another scope) is the
                    // client's error, not the server's: 400, and the rules of this request taken back.
                    added.forEach(rule -> smtp.removeRule(rule.id()));
                    boolean array = body.stripLeading().startsWith("[");
                    throw new RequestException(
                            HttpResponseStatus.BAD_REQUEST,
                            (array ? "rule " + (i + 1) + ": [" + i + "]." : "") + "scope: " + e.getMessage());
                }
            }
            ArrayNode ids = NODES.arrayNode();
            added.forEach(rule -> ids.add(ruleJson(rule)));
            return Response.json(HttpResponseStatus.CREATED, ids);
        }
        if (api.size() == 2) {
            String id = api.get(1);
            Optional<ActiveRule> rule = smtp.rules().stream()
                    .filter(candidate -> candidate.id().equals(id))
                    .findFirst();
            if (rule.isEmpty()) {
                throw new RequestException(HttpResponseStatus.NOT_FOUND, "No rule with id " + id);
            }
            allow(method, HttpMethod.GET, HttpMethod.DELETE);
            if (method.equals(HttpMethod.DELETE)) {
                smtp.removeRule(id);
                return Response.json(HttpResponseStatus.OK, NODES.objectNode().put("deleted", id));
            }
            return Response.json(HttpResponseStatus.OK, ruleJson(rule.get()));
        }
        throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: /api/" + String.join("/", api));
    }

    static ObjectNode ruleJson(ActiveRule rule) {
        ObjectNode json = NODES.objectNode();
        json.put("id", rule.id());
        json.put("timesFired", rule.timesFired());
        json.setAll(RuleJson.toJson(rule.rule()));
        json.put("description", rule.rule().describe());
        ArrayNode misses = json.putArray("nearMisses");
        rule.nearMisses().forEach(miss -> misses.add(JournalJson.nearMiss(miss)));
        return json;
    }

    // ---- /api/scenarios

    private Response scenarios(HttpMethod method, List<String> api) {
        if (api.size() == 2 && api.get(1).equals("reset")) {
            allow(method, HttpMethod.POST);
            smtp.resetScenarios();
            return Response.json(HttpResponseStatus.OK, NODES.objectNode().put("reset", true));
        }
        if (api.size() != 1) {
            throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such endpoint: /api/" + String.join("/", api));
        }
        allow(method, HttpMethod.GET);
        ObjectNode states = NODES.objectNode();
        smtp.scenarioStates().forEach(states::put);
        return Response.json(HttpResponseStatus.OK, states);
    }

    // ---- helpers

    private void authorize(FullHttpRequest request) {
        if (token == null) {
            return;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        // The scheme is case-insensitive (RFC 9110 §11.1); the token is compared in constant time.
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            header = BEARER + header.substring(BEARER.length());
        }
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw new RequestException(
                    HttpResponseStatus.UNAUTHORIZED,
                    "This admin API needs the header 'Authorization: Bearer <token>' (see --admin-token)",
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"twofifty\""));
        }
    }

    private static void allow(HttpMethod actual, HttpMethod... allowed) {
        if (!List.of(allowed).contains(actual)) {
            String methods = String.join(
                    ", ", List.of(allowed).stream().map(HttpMethod::name).toList());
            throw new RequestException(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Method " + actual + " not allowed here; use " + methods,
                    Map.of(HttpHeaderNames.ALLOW, methods));
        }
    }

    private static long id(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RequestException(HttpResponseStatus.NOT_FOUND, "No " + what + " with id " + text);
        }
    }

    private static long number(Map<String, List<String>> query, String name, long min, long max, Long fallback) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            if (fallback == null) {
                throw new RequestException(HttpResponseStatus.BAD_REQUEST, name + ": is required");
            }
            return fallback;
        }
        try {
            long value = Long.parseLong(values.get(0));
            if (value < min || value > max) {
                throw new RequestException(
                        HttpResponseStatus.BAD_REQUEST, name + ": must be " + min + " to " + max + " but was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RequestException(
                    HttpResponseStatus.BAD_REQUEST, name + ": expected a whole number but was '" + values.get(0) + "'");
        }
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values != null && !values.isEmpty() && !values.get(0).equalsIgnoreCase("false");
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static Response resource(String name, String contentType) {
        try (InputStream in = AdminHandler.class.getResourceAsStream("/dev/twofifty/standalone/" + name)) {
            if (in == null) {
                throw new RequestException(HttpResponseStatus.NOT_FOUND, "No such page: " + name);
            }
            return new Response(HttpResponseStatus.OK, contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new RequestException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Cannot read " + name + ": " + e);
        }
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, Response response) {
        ByteBuf body = Unpooled.wrappedBuffer(response.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), body);
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().forEach(http.headers()::set);
        HttpUtil.setKeepAlive(http, keepAlive);
        ctx.writeAndFlush(http);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
