package pastel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import pastel.db.Database;

/// The two databases every store and HTTP test runs against.
///
/// PostgreSQL is the real server at 127.0.0.1:5432 (or `PASTEL_TEST_POSTGRES_URL`); each test
/// class gets its own schema, dropped afterwards. If it is unreachable the run says so loudly,
/// and under `CI=true` that is a failure, not a skip.
public enum TestDatabase {
    SQLITE, POSTGRES;

    public static final String POSTGRES_URL = System.getenv().getOrDefault("PASTEL_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /// An open, migrated, empty database and what it takes to throw it away.
    public record Opened(Database database, Path dataDir, String schema, Runnable cleanup) {
        /// The database URL a server or command is configured with: PostgreSQL bound to this
        /// test's schema, or null for SQLite (in `dataDir`).
        public String schemaUrl() {
            return schema == null ? null : POSTGRES_URL + "&currentSchema=" + schema;
        }

        /// The environment of a `pastel` process (server or admin command) on this database.
        public java.util.Map<String, String> environment() {
            var env = new java.util.HashMap<String, String>();
            env.put("PASTEL_DATA_DIR", dataDir.toString());
            if (schema != null) env.put("PASTEL_DATABASE_URL", schemaUrl());
            return env;
        }

        /// Another pool on this database, as a second node in the same process would have.
        public Database anotherPool() {
            return Database.connect(schema == null ? "" : POSTGRES_URL, dataDir, schema);
        }
    }

    public Opened open() {
        try {
            var dataDir = Files.createTempDirectory("pastel-test-");
            if (this == SQLITE) {
                var database = Database.open("", dataDir, null);
                return new Opened(database, dataDir, null, () -> deleteTree(dataDir));
            }
            requirePostgres();
            var schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            var database = Database.open(POSTGRES_URL, dataDir, schema);
            return new Opened(database, dataDir, schema, () -> {
                dropSchema(schema);
                deleteTree(dataDir);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePostgres() {
        try (var connection = DriverManager.getConnection(POSTGRES_URL)) {
            connection.isValid(2);
        } catch (SQLException e) {
            var message = """

                    ************************************************************************
                    PostgreSQL is NOT reachable at %s
                    (%s)
                    The PostgreSQL half of the tests cannot run. Start it with:
                      pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                    ************************************************************************
                    """.formatted(POSTGRES_URL, e.getMessage());
            System.err.println(message);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private static void dropSchema(String schema) {
        try (var connection = DriverManager.getConnection(POSTGRES_URL);
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
