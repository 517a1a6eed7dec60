// The population of bench/cluster.sh: a city with 1,000 subscribers, 200 pairs of friends,
// sending snaps, chats, stories and views through the load balancer while one node is killed
// (SIGKILL) and started again; then the report. Run by cluster.sh with the Pastel jar on the
// class path (Jackson, the PostgreSQL driver). Loopback only, bounded in time.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

public class ClusterDrill {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static String base;
    static long loadStart;

    record User(String username, String token, String address) {}

    /// One request's outcome, for the report.
    record Sample(long atMillis, long micros, int status, String upstream, String what) {}

    static final ConcurrentLinkedQueue<Sample> SAMPLES = new ConcurrentLinkedQueue<>();

    // What was acknowledged (2xx), to check nothing was lost.
    static final Set<String> ACK_CHATS = ConcurrentHashMap.newKeySet();
    static final Set<String> ACK_SNAPS = ConcurrentHashMap.newKeySet();
    static final Set<String> ACK_STORIES = ConcurrentHashMap.newKeySet();
    static final Map<String, AtomicInteger> ACK_VIEWS = new ConcurrentHashMap<>();
    // Per recipient: the event ids acknowledged to them (and when), and what their client saw.
    static final Map<String, Map<String, Long>> EXPECTED = new ConcurrentHashMap<>();
    static final Map<String, Client> CLIENTS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        base = args[0];                       // http://127.0.0.1:PORT (nginx)
        var jdbc = args[1];                   // the cluster's PostgreSQL
        var seconds = Integer.parseInt(args[2]);
        var killAt = Integer.parseInt(args[3]);
        var restartAt = Integer.parseInt(args[4]);
        var victimPidFile = Path.of(args[5]);
        var restartScript = args[6];
        var victimAddress = args[7];          // 127.0.0.1:PORT of the node killed
        var bucketDir = Path.of(args[8]);     // S3Proxy's filesystem folder of the bucket
        var sweepScript = args[9];

        var began = System.nanoTime();
        var photo = jpeg();
        // --- The population. The city and one resident sign up through the balancer; the other
        // 999 residents are copies of that resident's rows (a sign-up costs an Argon2id hash,
        // about 50 ms of a core: 2,000 of them would be the whole drill). Subscriptions and
        // friendships go through the API, as clients make them.
        var city = signUp("toulouse", "public", 0);
        var template = signUp("sub", "personal", 1);
        var subscribers = new ArrayList<User>();
        subscribers.add(template);
        try (var db = DriverManager.getConnection(jdbc)) {
            db.setAutoCommit(false);
            try (var st = db.createStatement()) {
                st.execute("CREATE TEMP TABLE tpl_account AS SELECT * FROM account WHERE username = '" + template.username() + "'");
                st.execute("CREATE TEMP TABLE tpl_session AS SELECT * FROM session WHERE account_id = (SELECT id FROM tpl_account)");
            }
            var random = new java.security.SecureRandom();
            try (var account = db.prepareStatement("UPDATE tpl_account SET id = ?, username = ?, display_name = ?, search_text = ?");
                 var copyAccount = db.prepareStatement("INSERT INTO account SELECT * FROM tpl_account");
                 var session = db.prepareStatement("UPDATE tpl_session SET token_hash = ?, account_id = ?");
                 var copySession = db.prepareStatement("INSERT INTO session SELECT * FROM tpl_session")) {
                for (int i = 2; i <= 1000; i++) {
                    var id = pastel.db.Ids.newId(System.currentTimeMillis());
                    var username = "sub" + i + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
                    account.setString(1, id);
                    account.setString(2, username);
                    account.setString(3, "Resident " + i);
                    account.setString(4, username + " resident " + i);
                    account.executeUpdate();
                    copyAccount.executeUpdate();
                    var bytes = new byte[32];
                    random.nextBytes(bytes);
                    var token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    var hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    session.setString(1, hash);
                    session.setString(2, id);
                    session.executeUpdate();
                    copySession.executeUpdate();
                    subscribers.add(new User(username, token, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
                }
            }
            db.commit();
        }
        var setup = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<CompletableFuture<?>>();
        for (var s : subscribers) {
            futures.add(CompletableFuture.runAsync(() -> must(call("PUT", "subscriptions/" + city.username(), s, null), 204), setup));
        }
        var pairs = new ArrayList<User[]>();
        for (int i = 0; i < 200; i++) pairs.add(new User[] {subscribers.get(2 * i), subscribers.get(2 * i + 1)});
        for (var pair : pairs) {
            futures.add(CompletableFuture.runAsync(() -> {
                var request = call("POST", "friends/requests", pair[0], Map.of("username", pair[1].username()));
                must(request, 201);
                must(call("POST", "friends/requests/" + request.json.get("id").asText() + "/accept", pair[1], null), 200);
            }, setup));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        setup.shutdown();
        var setupSeconds = (System.nanoTime() - began) / 1e9;
        SAMPLES.clear();
        var friendOf = new HashMap<String, User>();
        for (var pair : pairs) {
            friendOf.put(pair[0].username(), pair[1]);
            friendOf.put(pair[1].username(), pair[0]);
        }
        // --- Every member of a pair holds a WebSocket through the balancer.
        for (var pair : pairs) {
            for (var user : pair) {
                var client = new Client(user, friendOf.get(user.username()));
                CLIENTS.put(user.username(), client);
                client.connect();
                Thread.sleep(10); // 400 handshakes spread over 4 s, as clients arrive
            }
        }
        Thread.sleep(3000);
        var story = postStory(city, photo);

        // --- The load: 2 minutes; one node SIGKILLed at killAt, started again at restartAt.
        loadStart = System.currentTimeMillis();
        var deadline = loadStart + seconds * 1000L;
        var workers = Executors.newVirtualThreadPerTaskExecutor();
        var latestStory = new java.util.concurrent.atomic.AtomicReference<String>(story);
        var workerCount = Integer.parseInt(System.getenv().getOrDefault("DRILL_WORKERS", "8"));
        for (int w = 0; w < workerCount; w++) {
            workers.submit(() -> {
                var random = ThreadLocalRandom.current();
                while (System.currentTimeMillis() < deadline) {
                    try {
                        var roll = random.nextInt(100);
                        var pair = pairs.get(random.nextInt(pairs.size()));
                        var from = pair[random.nextInt(2)];
                        var to = friendOf.get(from.username());
                        if (roll < 40) {
                            var text = "salut " + random.nextInt(1_000_000);
                            var r = call("POST", "chats/" + to.username() + "/messages", from, Map.of("text", text));
                            if (r.status == 201) acknowledge(ACK_CHATS, to, r.json.get("id").asText());
                        } else if (roll < 55) {
                            var media = upload(from, photo);
                            if (media != null) {
                                var r = call("POST", "snaps", from, Map.of("mediaId", media, "to", List.of(to.username()),
                                        "viewSeconds", 5));
                                if (r.status == 201) acknowledge(ACK_SNAPS, to, r.json.get("id").asText());
                            }
                        } else if (roll < 57) {
                            var posted = postStory(city, photo);
                            if (posted != null) latestStory.set(posted);
                        } else if (roll < 90) {
                            var viewer = subscribers.get(random.nextInt(subscribers.size()));
                            var item = latestStory.get();
                            if (item == null) continue;
                            var r = call("POST", "stories/" + item + "/views", viewer,
                                    Map.of("watchedMs", 1000 + random.nextInt(4000), "completed", random.nextBoolean()));
                            if (r.status == 204) ACK_VIEWS.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            call("GET", "stories/feed", from, null);
                        }
                        Thread.sleep(random.nextInt(50, 250));
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // counted in SAMPLES as status 0
                    }
                }
            });
        }
        // The failure: SIGKILL, no goodbye; then the same node back.
        sleepUntil(loadStart + killAt * 1000L);
        var victim = ProcessHandle.of(Long.parseLong(Files.readString(victimPidFile).trim())).orElseThrow();
        // The node dies between the signal and the moment its process is gone (the kernel frees
        // its memory and closes its sockets; over a second on a loaded machine): a request nginx
        // had passed to it and that was still unanswered at some point of that interval was in
        // flight there when it died. One sent after it was gone must go to another node.
        var signalledAt = System.currentTimeMillis();
        victim.destroyForcibly();
        victim.onExit().get(10, TimeUnit.SECONDS);
        var killedAt = System.currentTimeMillis();
        // Snaps to clients of the dead node while their sockets are down: sent by their friends
        // as soon as the drop is seen, before those clients are back.
        Thread.sleep(100);
        var outage = new ArrayList<String[]>();
        for (var client : CLIENTS.values()) {
            if (outage.size() >= 5 || client.downSince < 0) continue;
            var media = upload(client.friend, photo);
            if (media == null) continue;
            var sent = call("POST", "snaps", client.friend, Map.of("mediaId", media, "to", List.of(client.user.username()),
                    "viewSeconds", 5));
            if (sent.status == 201) {
                var id = sent.json.get("id").asText();
                acknowledge(ACK_SNAPS, client.user, id);
                outage.add(new String[] {client.user.username(), id});
            }
        }
        System.out.printf("drill: t=%.1fs node %s killed (SIGKILL, pid %d), its process gone at t=%.1fs%n",
                (signalledAt - loadStart) / 1000.0, victimAddress, victim.pid(), (killedAt - loadStart) / 1000.0);
        sleepUntil(loadStart + restartAt * 1000L);
        new ProcessBuilder("bash", restartScript).inheritIO().start().waitFor();
        var restartedAt = System.currentTimeMillis();
        System.out.printf("drill: t=%.1fs node %s started again%n", (restartedAt - loadStart) / 1000.0, victimAddress);
        workers.shutdown();
        workers.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        Thread.sleep(3000); // the last events in flight
        for (var client : CLIENTS.values()) client.close();

        // --- The report.
        var out = new StringBuilder();
        out.append(String.format("%nCLUSTER DRILL REPORT (3 nodes, nginx, PostgreSQL, S3Proxy; %d s of load, node %s killed at %d s, back at %d s)%n",
                seconds, victimAddress, killAt, restartAt));
        out.append(String.format("population: city + 1,000 subscribers, 200 friend pairs (400 WebSockets), set up in %.0f s%n", setupSeconds));
        var samples = new ArrayList<>(SAMPLES);
        out.append(String.format("requests: %d (%.0f/s, %d clients each pausing 50-250 ms between requests)%n",
                samples.size(), samples.size() / (double) seconds, workerCount));
        var byStatus = new TreeMap<Integer, Integer>();
        for (var s : samples) byStatus.merge(s.status(), 1, Integer::sum);
        out.append("by status: ").append(byStatus).append("  (0 = connection error)\n");
        int failed = 0, failedInFlightOnVictim = 0;
        for (var s : samples) {
            if (s.status() >= 200 && s.status() < 500 && s.status() != 0) continue;
            failed++;
            if (inFlightOnVictim(s, victimAddress, signalledAt, killedAt)) failedInFlightOnVictim++;
        }
        out.append(String.format("errors (5xx or no answer): %d, of which in flight on the killed node when it died: %d, others: %d%n",
                failed, failedInFlightOnVictim, failed - failedInFlightOnVictim));
        // The others, named: when (from the start of the load), what, and which node nginx chose.
        samples.stream().filter(s -> (s.status() >= 500 || s.status() == 0)
                        && !inFlightOnVictim(s, victimAddress, signalledAt, killedAt))
                .limit(10).forEach(s -> out.append(String.format("  other error: t=%.1fs %s -> %d from upstream [%s] after %d ms%n",
                        (s.atMillis() - loadStart) / 1000.0, s.what(), s.status(), s.upstream(), s.micros() / 1000)));
        for (var phase : List.of("before", "during", "after")) {
            var micros = new ArrayList<Long>();
            for (var s : samples) {
                var t = s.atMillis() - loadStart;
                var p = t < killAt * 1000L ? "before" : t < restartAt * 1000L ? "during" : "after";
                if (p.equals(phase) && s.status() >= 200 && s.status() < 300) micros.add(s.micros());
            }
            Collections.sort(micros);
            out.append(String.format("latency %-6s  p50 %6.1f ms  p99 %7.1f ms  (%d ok requests)%n", phase,
                    pct(micros, 0.50) / 1000.0, pct(micros, 0.99) / 1000.0, micros.size()));
        }
        // Acknowledged writes that are not in the database.
        long lostChats, lostSnaps, lostStories, lostViews = 0;
        try (var db = DriverManager.getConnection(jdbc)) {
            lostChats = missing(db, "chat_message", ACK_CHATS);
            lostSnaps = missing(db, "snap", ACK_SNAPS);
            lostStories = missing(db, "story_item", ACK_STORIES);
            for (var entry : ACK_VIEWS.entrySet()) {
                try (var q = db.prepareStatement("SELECT views FROM story_item WHERE id = ?")) {
                    q.setString(1, entry.getKey());
                    var rs = q.executeQuery();
                    var stored = rs.next() ? rs.getLong(1) : 0;
                    lostViews += Math.max(0, entry.getValue().get() - stored);
                }
            }
        }
        var views = ACK_VIEWS.values().stream().mapToInt(AtomicInteger::get).sum();
        out.append(String.format("acknowledged writes: %d chats, %d snaps, %d stories, %d views; lost: %d%n",
                ACK_CHATS.size(), ACK_SNAPS.size(), ACK_STORIES.size(), views, lostChats + lostSnaps + lostStories + lostViews));
        // Realtime: reconnections and events.
        var reconnects = new ArrayList<Long>();
        int reconnected = 0, missed = 0, expected = 0, outageSnaps = 0, outageSnapsReceived = 0;
        for (var client : CLIENTS.values()) {
            if (!client.reconnectMillis.isEmpty()) reconnected++;
            reconnects.addAll(client.reconnectMillis);
            var mine = EXPECTED.getOrDefault(client.user.username(), Map.of());
            for (var event : mine.entrySet()) {
                expected++;
                var seen = client.seen.contains(event.getKey());
                if (!seen) missed++;
                if (ACK_SNAPS.contains(event.getKey()) && client.wasDownAt(event.getValue())) {
                    outageSnaps++;
                    if (seen) outageSnapsReceived++;
                }
            }
        }
        Collections.sort(reconnects);
        out.append(String.format("WebSocket clients reconnected through the balancer: %d of %d; reconnect time p50 %d ms, max %d ms%n",
                reconnected, CLIENTS.size(), pct(reconnects, 0.5), reconnects.isEmpty() ? 0 : reconnects.getLast()));
        int sentDuringOutage = 0, receivedAfter = 0;
        for (var sent : outage) {
            sentDuringOutage++;
            if (CLIENTS.get(sent[0]).seen.contains(sent[1])) receivedAfter++;
        }
        out.append(String.format("snaps sent to clients of the killed node right after it died: %d, received after reconnecting: %d"
                + " (and %d more snaps landed while a recipient's socket was down, %d received)%n",
                sentDuringOutage, receivedAfter, outageSnaps, outageSnapsReceived));
        out.append(String.format("events expected by connected clients: %d; missed after catch-up: %d%n", expected, missed));
        System.out.print(out);

        // Blobs in the bucket against media rows, then after one sweep.
        var before = blobsVersusRows(jdbc, bucketDir);
        System.out.printf("bucket: %d objects; media rows name %d; orphans %d; rows without their blob %d%n",
                before[0], before[1], before[2], before[3]);
        new ProcessBuilder("bash", sweepScript).inheritIO().start().waitFor();
        var after = blobsVersusRows(jdbc, bucketDir);
        System.out.printf("after one sweep: %d objects; media rows name %d; orphans %d; rows without their blob %d%n",
                after[0], after[1], after[2], after[3]);
        var ok = lostChats + lostSnaps + lostStories + lostViews == 0 && missed == 0 && after[2] == 0 && after[3] == 0
                && failed == failedInFlightOnVictim && (reconnects.isEmpty() || reconnects.getLast() <= 5000)
                && outage.stream().allMatch(o -> CLIENTS.get(o[0]).seen.contains(o[1]));
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        System.exit(ok ? 0 : 1);
    }

    static void acknowledge(Set<String> set, User to, String id) {
        set.add(id);
        EXPECTED.computeIfAbsent(to.username(), k -> new ConcurrentHashMap<>()).put(id, System.currentTimeMillis());
    }

    static long missing(java.sql.Connection db, String table, Set<String> ids) throws Exception {
        long found = 0;
        var list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += 500) {
            var chunk = list.subList(i, Math.min(list.size(), i + 500));
            try (var q = db.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id = ANY (?)")) {
                q.setArray(1, db.createArrayOf("varchar", chunk.toArray()));
                var rs = q.executeQuery();
                rs.next();
                found += rs.getLong(1);
            }
        }
        return ids.size() - found;
    }

    /// {objects, keys named by rows, orphans, rows without blob}.
    static long[] blobsVersusRows(String jdbc, Path bucketDir) throws Exception {
        var objects = new HashSet<String>();
        var media = bucketDir.resolve("media");
        if (Files.isDirectory(media)) {
            try (var files = Files.list(media)) {
                files.forEach(f -> objects.add(f.getFileName().toString()));
            }
        }
        var named = new HashSet<String>();
        try (var db = DriverManager.getConnection(jdbc);
             var rs = db.createStatement().executeQuery("SELECT blob_key, thumb_key FROM media")) {
            while (rs.next()) {
                named.add(rs.getString(1));
                named.add(rs.getString(2));
            }
        }
        long orphans = objects.stream().filter(o -> !named.contains(o)).count();
        long missing = named.stream().filter(n -> !objects.contains(n)).count();
        return new long[] {objects.size(), named.size(), orphans, missing};
    }

    static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    /// Passed by nginx to the killed node and unanswered at some moment between the signal and
    /// the process being gone: the only requests allowed to fail.
    static boolean inFlightOnVictim(Sample s, String victimAddress, long signalledAt, long killedAt) {
        return s.upstream().contains(victimAddress) && s.atMillis() <= killedAt
                && s.atMillis() + s.micros() / 1000 >= signalledAt;
    }

    static void sleepUntil(long millis) throws InterruptedException {
        var wait = millis - System.currentTimeMillis();
        if (wait > 0) Thread.sleep(wait);
    }

    static byte[] jpeg() throws Exception {
        var image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var random = new java.util.Random(7);
        for (int y = 0; y < 240; y++) for (int x = 0; x < 320; x++) image.setRGB(x, y, random.nextInt(0xffffff));
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    static User signUp(String prefix, String kind, int n) {
        var username = prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        var address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        var form = new HashMap<String, Object>(Map.of("username", username, "password", "drill password 1234",
                "displayName", prefix, "birthDate", LocalDate.now().minusYears(kind.equals("public") ? 40 : 20).toString(), "kind", kind));
        if (kind.equals("public")) {
            form.put("category", "city");
            form.put("city", "Toulouse");
        }
        var anonymous = new User(username, null, address);
        must(call("POST", "accounts", anonymous, form), 201);
        var session = call("POST", "sessions", anonymous, Map.of("username", username, "password", "drill password 1234"));
        must(session, 201);
        return new User(username, session.json.get("token").asText(), address);
    }

    static String upload(User user, byte[] bytes) {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media")).header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "image/jpeg").header("X-Forwarded-For", user.address())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "POST media");
        return r.status == 201 ? r.json.get("id").asText() : null;
    }

    static String postStory(User city, byte[] photo) {
        var media = upload(city, photo);
        if (media == null) return null;
        var r = call("POST", "stories", city, Map.of("mediaId", media, "alt", "A street in the city at dusk"));
        if (r.status != 201) return null;
        var id = r.json.get("id").asText();
        ACK_STORIES.add(id);
        return id;
    }

    record Answer(int status, JsonNode json) {}

    static void must(Answer answer, int status) {
        if (answer.status != status) throw new IllegalStateException("expected " + status + ", got " + answer.status + " " + answer.json);
    }

    static Answer call(String method, String path, User user, Object body) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(base + "/api/v1/" + path)).timeout(Duration.ofSeconds(60))
                    .header("X-Forwarded-For", user.address());
            if (user.token() != null) builder.header("Authorization", "Bearer " + user.token());
            if (body != null) {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return send(builder, method + " " + path.replaceAll("/[0-9a-z_]{20,}", "/{id}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer send(HttpRequest.Builder builder, String what) {
        var start = System.nanoTime();
        var at = System.currentTimeMillis();
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            var upstream = response.headers().firstValue("X-Upstream").orElse("");
            if (loadStart > 0) SAMPLES.add(new Sample(at, (System.nanoTime() - start) / 1000, response.statusCode(), upstream, what));
            var json = response.body().length > 0 && response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), json);
        } catch (Exception e) {
            if (loadStart > 0) SAMPLES.add(new Sample(at, (System.nanoTime() - start) / 1000, 0, "", what));
            return new Answer(0, null);
        }
    }

    /// A client holding the event socket, reconnecting as the web client does, and refetching its
    /// inbox and chat after each reconnection (events sent while it was away reach it that way).
    static final class Client implements WebSocket.Listener {
        final User user;
        final User friend;
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final List<Long> reconnectMillis = Collections.synchronizedList(new ArrayList<>());
        final List<long[]> downs = Collections.synchronizedList(new ArrayList<>());
        volatile WebSocket socket;
        volatile boolean closing;
        volatile long downSince = -1;
        final StringBuilder partial = new StringBuilder();

        Client(User user, User friend) {
            this.user = user;
            this.friend = friend;
        }

        void connect() {
            HTTP.newWebSocketBuilder().header("X-Forwarded-For", user.address()).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(base.replace("http", "ws") + "/api/v1/events?access_token=" + user.token()), this)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            retry();
                            return;
                        }
                        socket = ws;
                        failures = 0;
                        if (downSince >= 0) {
                            var now = System.currentTimeMillis();
                            reconnectMillis.add(now - downSince);
                            downs.add(new long[] {downSince, now});
                            downSince = -1;
                            catchUp();
                        }
                    });
        }

        volatile int failures;

        // As the web client does: soon after a drop, then backing off (with jitter) while the
        // balancer has nowhere to send us, so 400 clients do not hammer the surviving nodes.
        void retry() {
            if (closing) return;
            var delay = Math.min(2000, 250L << Math.min(failures++, 3)) + ThreadLocalRandom.current().nextInt(100);
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::connect);
        }

        boolean wasDownAt(long millis) {
            synchronized (downs) {
                for (var d : downs) if (millis >= d[0] && millis <= d[1]) return true;
            }
            return false;
        }

        // What the web client does on every (re)connection: refetch what its screens show.
        void catchUp() {
            Thread.ofVirtual().start(() -> {
                var snaps = call("GET", "snaps/received", user, null);
                if (snaps.json != null) for (var s : snaps.json) seen.add(s.get("id").asText());
                var chat = call("GET", "chats/" + friend.username() + "/messages", user, null);
                var messages = chat.json == null ? null : chat.json.isArray() ? chat.json : chat.json.get("messages");
                if (messages != null) for (var m : messages) seen.add(m.get("id").asText());
            });
        }

        void down() {
            socket = null;
            if (closing) return;
            if (downSince < 0) downSince = System.currentTimeMillis();
            retry();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    var event = JSON.readTree(partial.toString());
                    var type = event.path("type").asText();
                    if (type.equals("chat.message")) seen.add(event.path("messageId").asText());
                    if (type.equals("snap.received")) seen.add(event.path("snapId").asText());
                } catch (Exception ignored) {
                    // not an event
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            down();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            down();
        }

        void close() {
            closing = true;
            var ws = socket;
            if (ws != null) ws.abort();
        }
    }
}
