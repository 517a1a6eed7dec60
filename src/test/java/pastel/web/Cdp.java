package pastel.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openqa.selenium.chrome.ChromeDriver;
import pastel.http.Json;

/// The browser's Chrome DevTools Protocol over its own WebSocket, with sessions on other targets
/// (a service worker) and events, which chromedriver's `executeCdpCommand` offers neither of.
final class Cdp implements AutoCloseable {
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<JsonNode> events = new ConcurrentLinkedQueue<>();

    @SuppressWarnings("unchecked")
    Cdp(ChromeDriver driver) throws Exception {
        var options = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
        var address = (String) options.get("debuggerAddress");
        var client = HttpClient.newHttpClient();
        var version = Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        socket = client.newWebSocketBuilder().buildAsync(URI.create(version.get("webSocketDebuggerUrl").asText()),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                var message = Json.MAPPER.readTree(text.toString());
                                if (message.has("id")) {
                                    var waiting = pending.remove(message.get("id").asInt());
                                    if (waiting != null) waiting.complete(message);
                                } else {
                                    events.add(message);
                                }
                            } catch (Exception ignored) {
                                // not JSON: nothing of ours
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /// Sends a command (in `session`, or to the browser when null) and returns its `result`.
    JsonNode send(String session, String method, Map<String, ?> params) throws Exception {
        var id = ids.incrementAndGet();
        var message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        if (session != null) message.put("sessionId", session);
        message.set("params", Json.MAPPER.valueToTree(params));
        var answer = new CompletableFuture<JsonNode>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
        var reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) throw new IllegalStateException(method + ": " + reply.get("error"));
        return reply.get("result");
    }

    /// Attaches to the first target of `type` whose URL starts with `urlPrefix`; returns the session id.
    String attach(String type, String urlPrefix) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (var target : send(null, "Target.getTargets", Map.of()).get("targetInfos")) {
                if (target.get("type").asText().equals(type) && target.get("url").asText().startsWith(urlPrefix)) {
                    return send(null, "Target.attachToTarget", Map.of("targetId", target.get("targetId").asText(),
                            "flatten", true)).get("sessionId").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no " + type + " target at " + urlPrefix);
    }

    /// Evaluates `expression` (awaiting a promise) in a session; returns its value.
    JsonNode evaluate(String session, String expression) throws Exception {
        var result = send(session, "Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) throw new IllegalStateException(result.get("exceptionDetails").toString());
        return result.get("result").get("value");
    }

    /// The first event matching `wanted` (already received or arriving within the time).
    JsonNode await(Predicate<JsonNode> wanted, Duration within) throws Exception {
        var deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (var event : events) if (wanted.test(event)) return event;
            Thread.sleep(50);
        }
        throw new IllegalStateException("no such event");
    }

    @Override
    public void close() {
        socket.abort();
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }
}
