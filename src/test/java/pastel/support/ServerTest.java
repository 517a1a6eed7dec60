package pastel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import pastel.App;
import pastel.config.Config;

/// Base of HTTP tests: the real server on a random port, once on SQLite and once on PostgreSQL,
/// with a clock the test moves by hand.
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class ServerTest {
    /// The instant every test class starts at; tests only ever move forward from it.
    public static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Parameter
    protected TestDatabase databaseKind;

    protected static App app;
    protected static TestClock clock;
    protected static Http http;
    protected static TestDatabase.Opened opened;

    /// Whether this run's blobs are in S3 (see [BlobsOnS3]).
    protected static boolean onS3;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase kind, TestInfo info) {
        opened = kind.open();
        clock = new TestClock(START);
        onS3 = kind == TestDatabase.POSTGRES
                && info.getTestClass().map(c -> c.isAnnotationPresent(BlobsOnS3.class)).orElse(false);
        var extra = new java.util.ArrayList<String>();
        if (onS3) TestS3.settings().forEach((key, value) -> { extra.add(key); extra.add(value); });
        // Push endpoints of the local push service (pastel.support.LocalPushService) are http on loopback.
        extra.add("PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK");
        extra.add("true");
        var config = TestConfig.of(opened.dataDir(), extra.toArray(String[]::new));
        app = App.start(config, clock, opened.database());
        http = new Http(app.port());
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        if (app != null) app.close();
        if (opened != null) opened.cleanup().run();
        app = null;
        opened = null;
    }

    /// Waits until each user's WebSocket is registered on this node, so events published next reach it.
    protected static void awaitConnected(User... users) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                java.util.Arrays.stream(users).allMatch(user -> app.hub().isConnected(user.id())));
    }

    /// A signed-up, signed-in account.
    public record User(String username, String token, String id) {}

    public static final String PASSWORD = "a long enough password";

    protected static String uniqueName(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet();
    }

    protected static LocalDate bornYearsAgo(int years) {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusYears(years).minusDays(1);
    }

    protected static User person(String prefix) {
        return signUp(Map.of("username", uniqueName(prefix), "password", PASSWORD, "displayName", prefix,
                "birthDate", bornYearsAgo(20).toString()));
    }

    protected static User official(String prefix, String category, String city) {
        var form = new LinkedHashMap<String, Object>();
        form.put("username", uniqueName(prefix));
        form.put("password", PASSWORD);
        form.put("displayName", prefix);
        form.put("birthDate", bornYearsAgo(30).toString());
        form.put("kind", "public");
        form.put("category", category);
        form.put("city", city);
        return signUp(form);
    }

    protected static User signUp(Map<String, ?> form) {
        var created = http.post("accounts", null, form);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var username = created.json().get("username").asText();
        return new User(username, signIn(username), created.json().get("id").asText());
    }

    protected static String signIn(String username) {
        var session = http.post("sessions", null, Map.of("username", username, "password", PASSWORD));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return session.json().get("token").asText();
    }

    protected static void befriend(User a, User b) {
        var request = http.post("friends/requests", a.token(), Map.of("username", b.username()));
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        var accepted = http.post("friends/requests/" + request.json().get("id").asText() + "/accept", b.token(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /// Uploads a small photo and returns its media id.
    protected static String uploadPhoto(User owner) {
        try {
            var response = http.upload(owner.token(), TestMedia.noisyJpeg(48, 64), "image/jpeg");
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            return response.json().get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /// A signed-up account of the given age.
    protected static User personAged(String prefix, int age) {
        return signUp(Map.of("username", uniqueName(prefix), "password", PASSWORD, "displayName", prefix,
                "birthDate", bornYearsAgo(age).toString()));
    }

    // Written straight to the database, then told to the server as its own admin routes do: a
    // change made by another process shows within SessionService.RECHECK_AFTER (AdminHttpTest).
    protected static void makeAdmin(User user) {
        app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE account SET admin = TRUE WHERE id = :id")
                .bind("id", user.id()).execute());
        app.accounts().changed(user.id());
    }

    protected static void verify(User user) {
        app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE account SET verified = TRUE WHERE id = :id")
                .bind("id", user.id()).execute());
        app.accounts().changed(user.id());
    }

    /// Whether the blob store holds `key`, whichever store this run uses.
    protected static boolean blobExists(String key) {
        try {
            return app.blobs().size(key) >= 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /// How many blobs the store holds.
    protected static long blobCount() {
        var count = new java.util.concurrent.atomic.AtomicLong();
        try {
            app.blobs().list(entry -> count.incrementAndGet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return count.get();
    }

    protected static java.nio.file.Path blobFile(String key) {
        return opened.dataDir().resolve("blobs").resolve(key.substring(0, 2)).resolve(key);
    }

    protected static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("type").asText()).isNotBlank();
        assertThat(json.get("title").asText()).isNotBlank();
        assertThat(json.get("detail").asText()).isNotBlank();
    }

    protected static long count(String sql, Object... args) {
        return app.database().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
            return query.mapTo(Long.class).one();
        });
    }
}
