package pastel.db;

import java.lang.reflect.InvocationTargetException;
import org.jdbi.v3.core.statement.SqlStatement;

/// Binds a record's components by name (`:senderId` is `record.senderId()`), typed, so `Instant`
/// and enums go through [Mapping] and a null is a typed NULL. JDBI's `bindMethods` does the same
/// for public records only; a store's rows are usually package-private records, hence this.
public final class Records {
    private Records() {}

    public static <S extends SqlStatement<S>> S bind(S statement, Record record) {
        for (var component : record.getClass().getRecordComponents()) {
            var accessor = component.getAccessor();
            try {
                accessor.setAccessible(true);
                statement.bindByType(component.getName(), accessor.invoke(record), component.getGenericType());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
            }
        }
        return statement;
    }
}
