package pastel.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/// Accounts in the database. Usernames are stored lower case, which makes them unique
/// case-insensitively on both databases.
public final class AccountStore {
    /// The account columns, for queries that join `account a`.
    public static final String COLUMNS = """
            a.id, a.username, a.display_name, a.birth_day, a.kind, a.category, a.city, a.bio, a.website,
            a.verified, a.admin, a.created_at""";

    /// `JOIN account <alias> ON <alias>.id = <id>`: how another feature's query reads the accounts
    /// its rows point at (names for a list), `id` a column of that query. Reads only: the account
    /// table is written here alone.
    public static String join(String alias, String id) {
        return "JOIN account %1$s ON %1$s.id = %2$s".formatted(alias, id);
    }

    /// [#join] for rows whose account may be gone (a deleted reporter): `LEFT JOIN`.
    public static String leftJoin(String alias, String id) {
        return "LEFT " + join(alias, id);
    }

    private final Jdbi jdbi;

    public AccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /// Inserts the account; false when the username is already taken.
    boolean insert(Account account, String passwordHash) {
        return jdbi.inTransaction(h -> {
            // The unique index is the real guard; this check only turns the common case into a clean answer.
            if (h.createQuery("SELECT COUNT(*) FROM account WHERE username = :u")
                    .bind("u", account.username()).mapTo(Integer.class).one() > 0) {
                return false;
            }
            h.createUpdate("""
                    INSERT INTO account (id, username, display_name, password_hash, birth_day, kind, category,
                                         city, bio, website, verified, admin, created_at, search_text)
                    VALUES (:id, :username, :displayName, :hash, :birthDay, :kind, :category,
                            :city, :bio, :website, :verified, :admin, :createdAt, :searchText)""")
                    .bind("searchText", searchText(account))
                    .bind("id", account.id())
                    .bind("username", account.username())
                    .bind("displayName", account.displayName())
                    .bind("hash", passwordHash)
                    .bind("birthDay", account.birthDate() == null ? null : account.birthDate().toEpochDay())
                    .bind("kind", account.kind().name().toLowerCase())
                    .bind("category", account.category() == null ? null : account.category().name().toLowerCase())
                    .bind("city", account.city())
                    .bind("bio", account.bio())
                    .bind("website", account.website())
                    .bind("verified", account.verified())
                    .bind("admin", account.admin())
                    .bind("createdAt", account.createdAt().toEpochMilli())
                    .execute();
            return true;
        });
    }

    public Optional<Account> byUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM account a WHERE a.username = :u")
                .bind("u", username.toLowerCase())
                .map(AccountStore::map)
                .findOne());
    }

    public Optional<Account> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM account a WHERE a.id = :id")
                .bind("id", id)
                .map(AccountStore::map)
                .findOne());
    }

    public Optional<String> passwordHash(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM account WHERE id = :id")
                .bind("id", accountId).mapTo(String.class).findOne());
    }

    void updateProfile(Account account) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE account SET display_name = :displayName, category = :category, city = :city,
                                   bio = :bio, website = :website, search_text = :searchText
                WHERE id = :id""")
                .bind("searchText", searchText(account))
                .bind("displayName", account.displayName())
                .bind("category", account.category() == null ? null : account.category().name().toLowerCase())
                .bind("city", account.city())
                .bind("bio", account.bio())
                .bind("website", account.website())
                .bind("id", account.id())
                .execute());
    }

    void updatePasswordHash(String accountId, String hash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account SET password_hash = :hash WHERE id = :id")
                .bind("hash", hash).bind("id", accountId).execute());
    }

    /// Deletes the account; every row it owns goes with it through ON DELETE CASCADE.
    boolean delete(String accountId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM account WHERE id = :id")
                .bind("id", accountId).execute()) == 1;
    }

    public boolean setVerified(String accountId, boolean verified) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE account SET verified = :v WHERE id = :id")
                .bind("v", verified).bind("id", accountId).execute()) == 1;
    }

    public boolean setAdmin(String accountId, boolean admin) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE account SET admin = :a WHERE id = :id")
                .bind("a", admin).bind("id", accountId).execute()) == 1;
    }

    /// Folds case and accents the same way for stored names and search queries.
    public static String fold(String text) {
        var decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String searchText(Account account) {
        var text = fold(account.username() + " " + account.displayName());
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    public static Account map(ResultSet rs, StatementContext ctx) throws SQLException {
        var birthDay = rs.getObject("birth_day");
        var category = rs.getString("category");
        return new Account(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                birthDay == null ? null : LocalDate.ofEpochDay(((Number) birthDay).longValue()),
                Account.Kind.valueOf(rs.getString("kind").toUpperCase()),
                category == null ? null : Account.Category.valueOf(category.toUpperCase()),
                rs.getString("city"),
                rs.getString("bio"),
                rs.getString("website"),
                rs.getBoolean("verified"),
                rs.getBoolean("admin"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
