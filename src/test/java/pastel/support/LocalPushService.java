package pastel.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import pastel.http.Json;

/// A push service on loopback speaking RFC 8030 as a browser vendor's would, plus the browser's
/// side of RFC 8291: [#subscribe] makes a subscription with its own P-256 key pair and auth
/// secret; every push accepted is kept (a later one with the same `Topic` replaces a waiting one,
/// RFC 8030 section 5.4) and can be decrypted and its VAPID token checked (RFC 8292).
///
/// Written from the RFCs independently of Pastel's own code, so a mistake on either side shows.
public final class LocalPushService implements AutoCloseable {
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder B64URL_OUT = Base64.getUrlEncoder().withoutPadding();
    private final HttpServer server;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /// Every request that reached the service, accepted or not.
    public final AtomicInteger requests = new AtomicInteger();

    public LocalPushService() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/push/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    /// One push as the push service accepted it.
    public record Push(Map<String, String> headers, byte[] body, Subscription to) {
        public String topic() { return headers.get("topic"); }

        public long ttl() { return Long.parseLong(headers.get("ttl")); }

        public String urgency() { return headers.get("urgency"); }

        /// The message the service worker would receive.
        public JsonNode message() {
            try {
                return Json.MAPPER.readTree(to.decrypt(body));
            } catch (Exception e) {
                throw new AssertionError("push could not be decrypted", e);
            }
        }
    }

    /// A browser's subscription: the endpoint and the keys the browser holds.
    public final class Subscription {
        public final String id;
        private final KeyPair keys;
        private final byte[] auth = new byte[16];
        /// Pushes waiting for the browser (replaced by Topic) and every push ever accepted.
        private final List<Push> waiting = new ArrayList<>();
        public final ConcurrentLinkedQueue<Push> accepted = new ConcurrentLinkedQueue<>();
        /// The statuses the next requests get (then 201).
        public final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        public volatile boolean gone;

        Subscription() throws Exception {
            id = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            new SecureRandom().nextBytes(auth);
        }

        public String endpoint() {
            return origin() + "/push/" + id;
        }

        public String p256dh() {
            return B64URL_OUT.encodeToString(point((ECPublicKey) keys.getPublic()));
        }

        public String auth() {
            return B64URL_OUT.encodeToString(auth);
        }

        /// The JSON `PushSubscription.toJSON()` gives, as Pastel's API takes it.
        public Map<String, Object> json() {
            return Map.of("endpoint", endpoint(), "keys", Map.of("p256dh", p256dh(), "auth", auth()));
        }

        /// What the browser would show now: the pushes waiting, at most one per Topic.
        public synchronized List<Push> waiting() {
            return List.copyOf(waiting);
        }

        public synchronized void clearWaiting() {
            waiting.clear();
            accepted.clear();
        }

        synchronized void accept(Push push) {
            if (push.topic() != null) waiting.removeIf(p -> push.topic().equals(p.topic()));
            waiting.add(push);
            accepted.add(push);
        }

        /// RFC 8291 section 3.4 and RFC 8188, receiving side.
        byte[] decrypt(byte[] message) throws Exception {
            var in = ByteBuffer.wrap(message);
            var salt = new byte[16];
            in.get(salt);
            var recordSize = in.getInt();
            var keyIdLength = in.get() & 0xff;
            var senderKey = new byte[keyIdLength];
            in.get(senderKey);
            var ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (recordSize < 18 || ciphertext.length > recordSize) throw new IllegalStateException("bad record size");
            var agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(keys.getPrivate());
            agreement.doPhase(publicKey(senderKey), true);
            var secret = agreement.generateSecret();
            var hkdf = KDF.getInstance("HKDF-SHA256");
            var info = ByteBuffer.allocate(14 + 65 + 65).put("WebPush: info\0".getBytes(StandardCharsets.US_ASCII))
                    .put(point((ECPublicKey) keys.getPublic())).put(senderKey).array();
            var ikm = hkdf.deriveData(HKDFParameterSpec.ofExtract().addSalt(auth).addIKM(secret).thenExpand(info, 32));
            var cek = hkdf.deriveData(HKDFParameterSpec.ofExtract().addSalt(salt).addIKM(ikm)
                    .thenExpand("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16));
            var nonce = hkdf.deriveData(HKDFParameterSpec.ofExtract().addSalt(salt).addIKM(ikm)
                    .thenExpand("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            var padded = cipher.doFinal(ciphertext);
            var end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) end--;
            if (end < 0 || padded[end] != 2) throw new IllegalStateException("not a last record (delimiter " + padded[end] + ")");
            return Arrays.copyOf(padded, end);
        }
    }

    public Subscription subscribe() {
        try {
            var subscription = new Subscription();
            subscriptions.put(subscription.id, subscription);
            return subscription;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            requests.incrementAndGet();
            var id = exchange.getRequestURI().getPath().substring("/push/".length());
            var body = exchange.getRequestBody().readAllBytes();
            var subscription = subscriptions.get(id);
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (subscription == null || subscription.gone) {
                exchange.sendResponseHeaders(subscription == null ? 404 : 410, -1);
                return;
            }
            var headers = new java.util.HashMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            // RFC 8030 section 5.2: TTL is required; RFC 8292: a VAPID token is required here.
            if (headers.get("ttl") == null || !"aes128gcm".equals(headers.get("content-encoding"))
                    || headers.get("authorization") == null || !headers.get("authorization").startsWith("vapid ")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            var answer = subscription.answers.poll();
            if (answer != null && answer != 201) {
                if (answer == 429) exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(answer, -1);
                return;
            }
            subscription.accept(new Push(Map.copyOf(headers), body, subscription));
            exchange.getResponseHeaders().add("Location", origin() + "/message/" + id + "-" + subscription.accepted.size());
            exchange.sendResponseHeaders(201, -1);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /// The claims of a push's VAPID token, after checking its ES256 signature against the key `k`
    /// it names; throws if the token is malformed or the signature wrong.
    public static JsonNode vapidClaims(Push push, String expectedKey) throws Exception {
        var header = push.headers().get("authorization");
        var parts = header.substring("vapid ".length()).split(",\\s*");
        String token = null, key = null;
        for (var part : parts) {
            if (part.startsWith("t=")) token = part.substring(2);
            if (part.startsWith("k=")) key = part.substring(2);
        }
        if (token == null || key == null) throw new AssertionError("no t= or k= in " + header);
        if (!key.equals(expectedKey)) throw new AssertionError("k is not the instance's public key");
        var jwt = token.split("\\.");
        if (jwt.length != 3) throw new AssertionError("not a JWS compact serialization");
        var joseHeader = Json.MAPPER.readTree(B64URL.decode(jwt[0]));
        if (!"ES256".equals(joseHeader.get("alg").asText())) throw new AssertionError("alg is not ES256");
        var signature = B64URL.decode(jwt[2]);
        // JWS ES256 is R || S, 64 bytes (RFC 7518 section 3.4): verified here by hand-made DER.
        if (signature.length != 64) throw new AssertionError("signature is not 64 bytes of R || S");
        var verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey(B64URL.decode(key)));
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(der(signature))) throw new AssertionError("VAPID signature does not verify");
        return Json.MAPPER.readTree(B64URL.decode(jwt[1]));
    }

    private static byte[] der(byte[] rs) {
        var r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
        var s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
        var out = ByteBuffer.allocate(6 + r.length + s.length);
        out.put((byte) 0x30).put((byte) (4 + r.length + s.length));
        out.put((byte) 0x02).put((byte) r.length).put(r);
        out.put((byte) 0x02).put((byte) s.length).put(s);
        return out.array();
    }

    static byte[] point(ECPublicKey key) {
        var out = new byte[65];
        out[0] = 4;
        var x = key.getW().getAffineX().toByteArray();
        var y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    static ECPublicKey publicKey(byte[] point) throws Exception {
        var parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        var spec = parameters.getParameterSpec(ECParameterSpec.class);
        var x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        var y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
