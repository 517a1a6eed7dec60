import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/// Push fan-out for bench/push.sh, against a server seeded by PushSeed.java: a local push service
/// on PUSH_PORT accepts pushes (201) like a browser vendor's would; the 5,000 subscribers also
/// hold a WebSocket each; "bench.city" posts a story. Measured in the same run: the API answer to
/// the post, the WebSocket fan-out (p50/p99/last), the time until the last push is accepted, and
/// API latency (GET /api/v1/accounts/bench.city) during the fan-out against the same before it.
///   java bench/PushLoad.java PORT PUSH_PORT JPEG_FILE
public class PushLoad {
    public static void main(String[] args) throws Exception {
        var port = Integer.parseInt(args[0]);
        var pushPort = Integer.parseInt(args[1]);
        var jpeg = Path.of(args[2]);
        var postedAt = new long[1];
        var pushes = new AtomicInteger();
        var lastPush = new long[1];
        var badPushes = new AtomicInteger();
        var service = HttpServer.create(new InetSocketAddress("127.0.0.1", pushPort), 1000);
        service.createContext("/push/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                var ok = "aes128gcm".equals(headers.getFirst("Content-Encoding")) && headers.getFirst("TTL") != null
                        && headers.getFirst("Authorization") != null && headers.getFirst("Authorization").startsWith("vapid t=");
                if (!ok) badPushes.incrementAndGet();
                exchange.sendResponseHeaders(201, -1);
                lastPush[0] = System.nanoTime() - postedAt[0];
                pushes.incrementAndGet();
            }
        });
        service.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        service.start();

        var client = HttpClient.newHttpClient();
        var arrivals = new long[5_000];
        var received = new AtomicInteger();
        var sockets = new ArrayList<WebSocket>();
        var opening = new ArrayList<CompletableFuture<WebSocket>>();
        for (int i = 0; i < 5_000; i++) {
            final int subscriber = i;
            var listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    if (data.toString().contains("story.posted")) {
                        arrivals[subscriber] = System.nanoTime() - postedAt[0];
                        received.incrementAndGet();
                    }
                    ws.request(1);
                    return null;
                }
            };
            opening.add(client.newWebSocketBuilder().header("Authorization", "Bearer sub-" + subscriber)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events"), listener));
            if (opening.size() == 500) {
                for (var f : opening) sockets.add(f.join());
                opening.clear();
            }
        }
        for (var f : opening) sockets.add(f.join());
        Thread.sleep(3_000);

        var base = "http://127.0.0.1:" + port + "/api/v1";
        var probe = HttpRequest.newBuilder(URI.create(base + "/accounts/bench.city")).header("Authorization", "Bearer sub-1").build();
        var before = sample(client, probe, Duration.ofSeconds(3), () -> false);

        var upload = client.send(HttpRequest.newBuilder(URI.create(base + "/media"))
                .header("Authorization", "Bearer city-token").POST(HttpRequest.BodyPublishers.ofFile(jpeg)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var mediaId = upload.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        var during = new ConcurrentLinkedQueue<Long>();
        var probing = Thread.startVirtualThread(() -> {
            try {
                for (var nanos : sample(client, probe, Duration.ofSeconds(60), () -> pushes.get() >= 5_000)) during.add(nanos);
            } catch (Exception ignored) {
                // the figures say what was measured
            }
        });
        postedAt[0] = System.nanoTime();
        var posted = client.send(HttpRequest.newBuilder(URI.create(base + "/stories"))
                .header("Authorization", "Bearer city-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mediaId\":\"" + mediaId + "\",\"caption\":\"bench\",\"alt\":\"A street in the city at dusk\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var answeredMs = (System.nanoTime() - postedAt[0]) / 1e6;
        var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((pushes.get() < 5_000 || received.get() < 5_000) && System.nanoTime() < deadline) Thread.sleep(10);
        probing.join();

        var times = Arrays.stream(arrivals).filter(t -> t > 0).sorted().toArray();
        System.out.printf("story posted: HTTP %d in %.1f ms%n", posted.statusCode(), answeredMs);
        System.out.printf("WebSocket fan-out: %d of 5000 subscribers; p50 %.1f ms, p99 %.1f ms, last %.1f ms (goal: p99 under 1000 ms)%n",
                times.length, pct(times, 0.50), pct(times, 0.99), times.length == 0 ? 0 : times[times.length - 1] / 1e6);
        System.out.printf("Web Push: %d of 5000 pushes accepted by the local push service, the last %.1f ms after the post%s%n",
                pushes.get(), lastPush[0] / 1e6, badPushes.get() == 0 ? "" : " (" + badPushes.get() + " without aes128gcm/TTL/VAPID!)");
        System.out.printf("API GET /accounts/bench.city: before p50 %.1f ms p99 %.1f ms (%d requests); during the fan-out p50 %.1f ms p99 %.1f ms max %.1f ms (%d requests)%n",
                pct(before, 0.5), pct(before, 0.99), before.length,
                pct(sorted(during), 0.5), pct(sorted(during), 0.99), max(sorted(during)), during.size());
        for (var ws : sockets) ws.abort();
        service.stop(0);
        System.exit(0);
    }

    interface Done { boolean now(); }

    static long[] sample(HttpClient client, HttpRequest probe, Duration at_most, Done done) throws Exception {
        var out = new ArrayList<Long>();
        var end = System.nanoTime() + at_most.toNanos();
        while (System.nanoTime() < end && !done.now()) {
            var start = System.nanoTime();
            client.send(probe, HttpResponse.BodyHandlers.discarding());
            out.add(System.nanoTime() - start);
            Thread.sleep(20);
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static long[] sorted(java.util.Collection<Long> values) {
        if (values.isEmpty()) return new long[0];
        var array = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return array;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1 < 0 ? 0 : (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
    }

    static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }
}
