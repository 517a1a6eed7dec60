package pastel.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import pastel.http.Json;

/// A WebSocket client on `/api/v1/events` that collects the events it receives. With
/// `reading = false` it never asks for a message: a client that stopped reading.
public final class WsClient implements AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket socket) {
        this.socket = socket;
    }

    public static WsClient connect(int port, String token, boolean reading) {
        var holder = new WsClient[1];
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (reading) webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        holder[0].received.add(Json.MAPPER.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                if (reading) webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                holder[0].closedWith.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                holder[0].closedWith.complete(-1);
            }
        };
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        var socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events"), listener).join();
        holder[0] = new WsClient(socket);
        return holder[0];
    }

    /// The next event of `type` within `timeout`, skipping others (which are kept in `skipped`).
    public JsonNode await(String type, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no " + type + " event within " + timeout.toMillis() + " ms");
            var event = received.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) throw new AssertionError("no " + type + " event within " + timeout.toMillis() + " ms");
            if (event.get("type").asText().equals(type)) return event;
        }
    }

    /// Everything received during `wait`.
    public List<JsonNode> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        var all = new ArrayList<JsonNode>();
        received.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
