package pastel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/// The connection pool, JDBI and the migrations, for SQLite (embedded default) or PostgreSQL.
public final class Database implements AutoCloseable {

    public enum Dialect { SQLITE, POSTGRES }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private final String schema;

    private Database(HikariDataSource dataSource, Dialect dialect, String schema) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.schema = schema;
        this.jdbi = Jdbi.create(dataSource);
        Mapping.install(jdbi);
        if (dialect == Dialect.SQLITE) jdbi.setTransactionHandler(new OneWriterAtATime());
    }

    /// Opens PostgreSQL when `databaseUrl` is a `jdbc:postgresql:` URL, else SQLite in `dataDir`,
    /// and brings the schema up to date. `schema` isolates a PostgreSQL schema (tests); null
    /// means the URL's default.
    public static Database open(String databaseUrl, Path dataDir, String schema) {
        var database = connect(databaseUrl, dataDir, schema);
        database.migrate();
        return database;
    }

    /// Opens the pool without migrating: the server migrates while Jetty starts, then opens its doors.
    public static Database connect(String databaseUrl, Path dataDir, String schema) {
        var hikari = new HikariConfig();
        hikari.setPoolName("pastel");
        Dialect dialect;
        if (databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRES;
            hikari.setJdbcUrl(databaseUrl);
            hikari.setMaximumPoolSize(16);
            if (schema != null) hikari.setSchema(schema);
        } else {
            dialect = Dialect.SQLITE;
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + dataDir, e);
            }
            // WAL lets readers run beside the single writer; IMMEDIATE transactions take the write
            // lock up front so two transactions never deadlock upgrading from read to write, and
            // busy_timeout makes writers queue instead of failing with SQLITE_BUSY.
            var file = dataDir.resolve("pastel.db").toAbsolutePath();
            hikari.setJdbcUrl("jdbc:sqlite:" + file
                    + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=10000"
                    + "&transaction_mode=IMMEDIATE&secure_delete=true");
            hikari.setMaximumPoolSize(8);
        }
        hikari.setConnectionTimeout(10_000);
        // Connections are made when first needed, not while the pool is built: start-up stays fast.
        hikari.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(hikari), dialect, schema);
    }

    /// Deleted rows are overwritten in the database file (`secure_delete`), but their old pages
    /// stay in SQLite's write-ahead log until it is checkpointed and truncated: done here, by the
    /// sweeper, so deleted text leaves both files within one sweep period. A checkpoint a reader
    /// blocks is simply tried again next time. PostgreSQL: nothing to do here (see the README on
    /// what it keeps until vacuum).
    public int truncateLog() {
        if (dialect != Dialect.SQLITE) return 0;
        jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
        return 0;
    }

    /// Applies pending migrations (Flyway), idempotent.
    public void migrate() {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (schema != null && dialect == Dialect.POSTGRES) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /// The PostgreSQL schema this pool is bound to, or null for the URL's default.
    public String schema() {
        return schema;
    }

    /// The schema the connections use (PostgreSQL's `current_schema()`).
    public String currentSchema() {
        return jdbi.withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
    }

    /// The JDBC URL, for the event bus's dedicated LISTEN connection.
    public String url() {
        return dataSource.getJdbcUrl();
    }

    public Dialect dialect() {
        return dialect;
    }

    /// True when a trivial query answers: what `/health/ready` reports.
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
