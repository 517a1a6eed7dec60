import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/// WebSocket load for bench/realtime.sh, against a server seeded by RealtimeSeed.java:
///  1. opens CONNECTIONS sockets (tokens sub-0.. cycling) and reports the server's RSS growth;
///  2. "bench.city" posts a story: how long until each of the 5,000 subscribers has the event.
///   java bench/WsLoad.java PORT SERVER_PID CONNECTIONS JPEG_FILE
public class WsLoad {
    public static void main(String[] args) throws Exception {
        var port = Integer.parseInt(args[0]);
        var pid = args[1];
        var connections = Integer.parseInt(args[2]);
        var jpeg = Path.of(args[3]);
        var client = HttpClient.newHttpClient();
        settle(pid);
        var rssBefore = rss(pid);
        var heapBefore = heapUsed(pid);
        if (System.getenv("BENCH_NMT") != null) nmt(pid, "before");
        var arrivals = new long[5_000];
        var received = new AtomicInteger();
        var postedAt = new long[1];
        var sockets = new ArrayList<WebSocket>();
        var opening = new ArrayList<CompletableFuture<WebSocket>>();
        for (int i = 0; i < connections; i++) {
            final int subscriber = i % 5_000;
            final boolean measured = i < 5_000;
            var listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    if (measured && data.toString().contains("story.posted")) {
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
        Thread.sleep(5_000);
        settle(pid);
        var rssAfter = rss(pid);
        var heapAfter = heapUsed(pid);
        if (System.getenv("BENCH_HISTOGRAM") != null) histogram(pid);
        if (System.getenv("BENCH_NMT") != null) nmt(pid, "after");
        System.out.printf("connections open: %d%n", sockets.size());
        System.out.printf("server RSS before: %d MB, after: %d MB; growth per connection: %.1f KB (goal: under 20 KB)%n",
                rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / (double) sockets.size());
        System.out.printf("live heap after a full GC: %d MB -> %d MB; %.1f KB per connection%n",
                heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / (double) sockets.size());

        var base = "http://127.0.0.1:" + port + "/api/v1";
        var upload = client.send(HttpRequest.newBuilder(URI.create(base + "/media"))
                .header("Authorization", "Bearer city-token").POST(HttpRequest.BodyPublishers.ofFile(jpeg)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var mediaId = upload.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        postedAt[0] = System.nanoTime();
        var posted = client.send(HttpRequest.newBuilder(URI.create(base + "/stories"))
                .header("Authorization", "Bearer city-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mediaId\":\"" + mediaId + "\",\"alt\":\"A street in the city at dusk\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var answeredMs = (System.nanoTime() - postedAt[0]) / 1e6;
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.get() < Math.min(5_000, sockets.size()) && System.nanoTime() < deadline) Thread.sleep(10);
        var times = Arrays.stream(arrivals).filter(t -> t > 0).sorted().toArray();
        System.out.printf("story posted (HTTP %d in %.1f ms); subscribers with the event: %d of %d%n",
                posted.statusCode(), answeredMs, times.length, Math.min(5_000, sockets.size()));
        if (times.length > 0) {
            System.out.printf("time to the event: p50 %.1f ms, p99 %.1f ms, last %.1f ms (goal: p99 under 1000 ms)%n",
                    times[times.length / 2] / 1e6, times[(int) (times.length * 0.99) - 1 < 0 ? 0 : (int) (times.length * 0.99) - 1] / 1e6,
                    times[times.length - 1] / 1e6);
        }
        for (var ws : sockets) ws.abort();
        System.exit(0);
    }

    /// Lets the server collect the garbage of the handshakes, so RSS shows what connections keep.
    static void settle(String pid) throws Exception {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
        Thread.sleep(1_000);
    }

    /// BENCH_HISTOGRAM=1: what the server's heap holds with the connections open (top classes).
    static void histogram(String pid) throws Exception {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var lines = new String(new ProcessBuilder(jcmd, pid, "GC.class_histogram").redirectErrorStream(true).start()
                .getInputStream().readAllBytes()).lines().limit(45).toList();
        lines.forEach(System.out::println);
    }

    /// Heap in use (KB) as the JVM reports it right after the full GC of [#settle].
    static long heapUsed(String pid) throws Exception {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var out = new String(new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start()
                .getInputStream().readAllBytes());
        var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
        long used = 0;
        while (m.find()) used += Long.parseLong(m.group(1));
        return used;
    }

    /// BENCH_NMT=1 (with PASTEL_JAVA_OPTS=-XX:NativeMemoryTracking=summary): the JVM's own view of its memory.
    static void nmt(String pid, String when) throws Exception {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var out = new String(new ProcessBuilder(jcmd, pid, "VM.native_memory", "summary").redirectErrorStream(true).start()
                .getInputStream().readAllBytes());
        System.out.println("== heap " + when);
        System.out.print(new String(new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start()
                .getInputStream().readAllBytes()));
        System.out.println("== native memory " + when);
        out.lines().filter(l -> l.contains("committed=") && l.startsWith("-") || l.startsWith("Total")).forEach(System.out::println);
    }

    static long rss(String pid) throws Exception {
        for (var line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
        }
        return -1;
    }
}
