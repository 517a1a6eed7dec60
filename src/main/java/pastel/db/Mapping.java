package pastel.db;

import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/// How Java values meet columns, the same on SQLite and PostgreSQL, registered once on the
/// [Database]'s JDBI so no store converts by hand:
///
/// - `Instant` is a BIGINT of epoch milliseconds (every `*_at` column), both ways, nulls kept;
/// - every enum is its lower-case name (`Media.Kind.IMAGE` is `'image'`), both ways;
/// - `boolean`/`Boolean` read 0/1 (SQLite) and true/false (PostgreSQL) alike: JDBI's own
///   mapper calls `ResultSet.getBoolean`, which both drivers answer for both forms; binding a
///   boolean stores 1/0 on SQLite and a boolean on PostgreSQL. Nothing to register, but
///   [MappingTest] holds it, so a raw `Integer` never reaches a service: map the column to
///   `boolean` (a record component, or `mapTo(Boolean.class)`), never through `mapToMap`.
///
/// Records map through JDBI's `ConstructorMapper` (snake_case columns match camelCase
/// components; a store keeps `static final RowMapper<Snap> SNAP = ConstructorMapper.of(Snap.class)`)
/// and bind through `bindMethods(record)` (`:senderId` is `record.senderId()`).
final class Mapping {
    private Mapping() {}

    static void install(Jdbi jdbi) {
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            var millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        jdbi.registerArgument(new InstantAsMillis());
        jdbi.registerColumnMapper(new LowerCaseEnumColumns());
        jdbi.registerArgument(new LowerCaseEnumArguments());
    }

    static String dbName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static final class InstantAsMillis extends AbstractArgumentFactory<Instant> {
        InstantAsMillis() {
            super(Types.BIGINT); // a null Instant binds SQL NULL of this type
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }

    private static final class LowerCaseEnumArguments implements ArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            if (!Enum.class.isAssignableFrom(GenericTypes.getErasedType(type))) return Optional.empty();
            return Optional.of(value -> value == null
                    ? new NullArgument(Types.VARCHAR)
                    : (position, statement, ctx) -> statement.setString(position, dbName((Enum<?>) value)));
        }
    }

    private static final class LowerCaseEnumColumns implements ColumnMapperFactory {
        private final Map<Class<?>, Map<String, Enum<?>>> byName = new ConcurrentHashMap<>();

        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            var raw = GenericTypes.getErasedType(type);
            if (!raw.isEnum()) return Optional.empty();
            var constants = byName.computeIfAbsent(raw, LowerCaseEnumColumns::constants);
            return Optional.of((rs, column, ctx) -> {
                var text = rs.getString(column);
                if (text == null) return null;
                var value = constants.get(text);
                if (value == null) {
                    throw new IllegalStateException("no " + raw.getSimpleName() + " is stored as '" + text + "'");
                }
                return value;
            });
        }

        private static Map<String, Enum<?>> constants(Class<?> type) {
            var out = new ConcurrentHashMap<String, Enum<?>>();
            for (var constant : type.getEnumConstants()) out.put(dbName((Enum<?>) constant), (Enum<?>) constant);
            return out;
        }
    }
}
