package pastel.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.support.TestDatabase;

/// The mappings every store relies on ([Mapping]), and publishing after commit, on both databases.
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public class MappingTest {
    public enum Colour { RED, DARK_BLUE }

    /// Public, as JDBI's `bindMethods` requires; [Hidden] is bound by [Records#bind].
    public record Row(String id, Instant seenAt, Colour colour, boolean active, Boolean maybe) {}

    private record Hidden(String id, Instant seenAt, Colour colour, boolean active, Boolean maybe) {}

    private static final RowMapper<Row> ROW = ConstructorMapper.of(Row.class);
    private static TestDatabase.Opened opened;

    @Parameter
    TestDatabase kind;

    @BeforeParameterizedClassInvocation
    static void open(TestDatabase kind) {
        opened = kind.open();
        opened.database().jdbi().useHandle(h -> h.execute("""
                CREATE TABLE mapping_probe (id VARCHAR(26) PRIMARY KEY, seen_at BIGINT, colour VARCHAR(20),
                                            active BOOLEAN NOT NULL, maybe BOOLEAN)"""));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        opened.database().close();
        opened.cleanup().run();
    }

    private static org.jdbi.v3.core.Jdbi jdbi() {
        return opened.database().jdbi();
    }

    @Test
    void instantsAreEpochMillisBothWays() {
        var at = Instant.parse("2026-06-01T10:00:00.123Z");
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO mapping_probe (id, seen_at, active) VALUES ('i1', :at, TRUE)")
                .bind("at", at).execute());
        jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT seen_at FROM mapping_probe WHERE id = 'i1'").mapTo(Long.class).one())
                    .isEqualTo(at.toEpochMilli());
            assertThat(h.createQuery("SELECT seen_at FROM mapping_probe WHERE id = 'i1'").mapTo(Instant.class).one())
                    .isEqualTo(at);
        });
    }

    @Test
    void nullInstantsStayNull() {
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO mapping_probe (id, seen_at, active) VALUES ('n1', :at, FALSE)")
                .bind("at", (Instant) null).execute());
        java.util.Optional<Instant> read = jdbi().withHandle(h -> h.createQuery("SELECT seen_at FROM mapping_probe WHERE id = 'n1'")
                .mapTo(Instant.class).findOne());
        assertThat(read).isEmpty();
    }

    @Test
    void enumsAreTheirLowerCaseNames() {
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO mapping_probe (id, colour, active) VALUES ('e1', :c, TRUE)")
                .bind("c", Colour.DARK_BLUE).execute());
        jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT colour FROM mapping_probe WHERE id = 'e1'").mapTo(String.class).one())
                    .isEqualTo("dark_blue");
            assertThat(h.createQuery("SELECT colour FROM mapping_probe WHERE id = 'e1'").mapTo(Colour.class).one())
                    .isEqualTo(Colour.DARK_BLUE);
            assertThat(h.createQuery("SELECT id FROM mapping_probe WHERE colour = :c").bind("c", Colour.DARK_BLUE)
                    .mapTo(String.class).list()).containsExactly("e1");
        });
    }

    @Test
    void anUnknownStoredNameIsAnError() {
        jdbi().useHandle(h -> h.execute("INSERT INTO mapping_probe (id, colour, active) VALUES ('u1', 'green', TRUE)"));
        assertThatThrownBy(() -> jdbi().withHandle(h -> h.createQuery("SELECT colour FROM mapping_probe WHERE id = 'u1'")
                .mapTo(Colour.class).one())).hasStackTraceContaining("no Colour is stored as 'green'");
    }

    @Test
    void booleansReadAsBooleansOnBothDatabases() {
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO mapping_probe (id, active, maybe) VALUES ('b1', :a, :m)")
                .bind("a", true).bind("m", false).execute());
        jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT active FROM mapping_probe WHERE id = 'b1'").mapTo(Boolean.class).one()).isTrue();
            assertThat(h.createQuery("SELECT maybe FROM mapping_probe WHERE id = 'b1'").mapTo(Boolean.class).one()).isFalse();
            assertThat(h.createQuery("SELECT id FROM mapping_probe WHERE active = :a AND id = 'b1'").bind("a", true)
                    .mapTo(String.class).list()).containsExactly("b1");
        });
    }

    @Test
    void recordsMapThroughTheirConstructorAndBindThroughTheirAccessors() {
        var row = new Row("r1", Instant.ofEpochMilli(1_780_000_000_000L), Colour.RED, true, null);
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO mapping_probe (id, seen_at, colour, active, maybe)
                        VALUES (:id, :seenAt, :colour, :active, :maybe)""")
                .bindMethods(row).execute());
        var packagePrivate = new Hidden("r2", null, null, false, true);
        jdbi().useHandle(h -> Records.bind(h.createUpdate("""
                        INSERT INTO mapping_probe (id, seen_at, colour, active, maybe)
                        VALUES (:id, :seenAt, :colour, :active, :maybe)"""), packagePrivate).execute());
        List<Hidden> hidden = jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, seen_at, colour, active, maybe FROM mapping_probe WHERE id = 'r2'""")
                .map(ConstructorMapper.of(Hidden.class)).list());
        assertThat(hidden).containsExactly(packagePrivate);
        Row read = jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, seen_at, colour, active, maybe FROM mapping_probe WHERE id = 'r1'""")
                .map(ROW).one());
        assertThat(read).isEqualTo(row);
    }

    @Test
    void eventsArePublishedOnlyWhenTheTransactionCommits() {
        var published = new ArrayList<Event>();
        var bus = new RecordingBus(published);
        var committed = new Event.AccountChanged(Instant.EPOCH, "committed");
        var rolledBack = new Event.AccountChanged(Instant.EPOCH, "rolled-back");
        jdbi().useTransaction(h -> {
            h.execute("INSERT INTO mapping_probe (id, active) VALUES ('t1', TRUE)");
            bus.publishAfterCommit(h, committed);
            assertThat(published).as("not before the commit").isEmpty();
        });
        assertThat(published).containsExactly(committed);
        assertThatThrownBy(() -> jdbi().useTransaction(h -> {
            h.execute("INSERT INTO mapping_probe (id, active) VALUES ('t2', TRUE)");
            bus.publishAfterCommit(h, rolledBack);
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(published).containsExactly(committed);
        var outside = new Event.AccountChanged(Instant.EPOCH, "outside");
        jdbi().useHandle(h -> bus.publishAfterCommit(h, outside));
        assertThat(published).containsExactly(committed, outside);
    }

    private record RecordingBus(List<Event> published) implements EventBus {
        @Override
        public void publish(Event event) {
            published.add(event);
        }

        @Override
        public void subscribe(java.util.function.Consumer<Event> consumer) {}

        @Override
        public void close() {}
    }
}
