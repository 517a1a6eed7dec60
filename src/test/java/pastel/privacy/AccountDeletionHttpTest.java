package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.admin.DueReport;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.support.ServerTest;

/// Reproduction 4 of issue 10: deleting an official account deletes everything posted in its
/// name or to it, whoever uploaded it (a manager's items, highlights, approved and pending
/// community submissions): rows, blob files and URLs; the manager's own account and the other
/// accounts' audit trails keep nothing of it but its username; `pastel admin due` is clean after.
class AccountDeletionHttpTest extends ServerTest {

    @Test
    void deletingAnOfficialAccountTakesWhatWasPostedInItsNameAndToIt() throws Exception {
        var city = official("deletedcity", "city", "Rodez");
        var manager = person("citymanager");
        var resident = person("cityresident");
        var pending = person("citypending");
        assertThat(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(),
                Map.of("role", "manager")).status()).isEqualTo(204);

        var managerItem = http.post("stories", manager.token(), Map.of("mediaId", uploadPhoto(manager),
                "account", city.username(), "caption", "posted by the manager"));
        assertThat(managerItem.status()).as(managerItem.toString()).isEqualTo(201);
        var highlighted = managerItem.json().get("id").asText();
        assertThat(http.put("stories/" + highlighted + "/highlight", manager.token()).status()).isEqualTo(204);
        var submitted = http.post("accounts/" + city.username() + "/community/submissions", resident.token(),
                Map.of("mediaId", uploadPhoto(resident), "caption", "my street"));
        assertThat(submitted.status()).isEqualTo(201);
        assertThat(http.post("accounts/" + city.username() + "/community/submissions/" + submitted.json().get("id").asText()
                + "/approve", manager.token(), null).status()).isEqualTo(204);
        assertThat(http.post("accounts/" + city.username() + "/community/submissions", pending.token(),
                Map.of("mediaId", uploadPhoto(pending))).status()).isEqualTo(201);
        // The manager's own story is the manager's, and stays.
        var ownItem = http.post("stories", manager.token(), Map.of("mediaId", uploadPhoto(manager))).json().get("id").asText();

        var urls = new ArrayList<String>();
        http.get("accounts/" + city.username() + "/stories", null).json().forEach(i -> urls.add(i.get("mediaUrl").asText()));
        http.get("accounts/" + city.username() + "/highlights", null).json().forEach(i -> urls.add(i.get("mediaUrl").asText()));
        http.get("accounts/" + city.username() + "/community", null).json().forEach(i -> urls.add(i.get("mediaUrl").asText()));
        assertThat(urls).hasSize(3);
        for (var url : urls) assertThat(http.fetch(url, Map.of()).status()).isEqualTo(200);
        var keys = blobKeys("""
                SELECT m.blob_key FROM media m WHERE m.id IN (SELECT media_id FROM story_item WHERE account_id = ?)
                   OR m.id IN (SELECT media_id FROM community_submission WHERE account_id = ?)""", city.id());
        assertThat(keys).hasSize(3); // the manager's item (a highlight), the approved submission (also an item), the pending one
        for (var key : keys) assertThat(blobFile(key)).exists();

        assertThat(http.delete("me", city.token(), Map.of("password", PASSWORD)).status()).isEqualTo(204);

        for (var url : urls) assertThat(http.fetch(url, Map.of()).status()).as(url).isIn(404, 410);
        for (var key : keys) {
            assertThat(blobFile(key)).doesNotExist();
            assertThat(blobFile(key + ".thumb")).doesNotExist();
        }
        assertThat(count("SELECT COUNT(*) FROM story_item WHERE account_id = ?", city.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM community_submission WHERE account_id = ?", city.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id IN (SELECT media_id FROM story_item WHERE id = ?)", highlighted))
                .isZero();
        assertThat(http.get("accounts/" + manager.username() + "/stories", manager.token()).json().findValuesAsText("id"))
                .containsExactly(ownItem);

        var report = due();
        assertThat(report).contains("due for deletion (0)", "orphan blobs, no row names them (0)",
                "rows whose blob is missing (0)");
    }

    @Test
    void aDeletedManagerKeepsOnlyItsUsernameInTheAccountsAuditTrail() {
        var city = official("auditcity", "city", "Millau");
        var manager = person("leavingmanager");
        http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(), Map.of("role", "manager"));
        var item = http.post("stories", manager.token(), Map.of("mediaId", uploadPhoto(manager), "account", city.username()));
        assertThat(item.status()).isEqualTo(201);
        assertThat(http.delete("me", manager.token(), Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM account_audit WHERE actor_id = ?", manager.id())).isZero();
        assertThat(http.get("accounts/" + city.username() + "/audit", city.token()).json().findValuesAsText("actor"))
                .contains(manager.username());
        // What the manager posted in the city's name is the city's and stays.
        assertThat(http.get("accounts/" + city.username() + "/stories", null).json()).hasSize(1);
    }

    private static java.util.List<String> blobKeys(String sql, String accountId) {
        return app.database().jdbi().withHandle(h -> h.createQuery(sql).bind(0, accountId).bind(1, accountId)
                .mapTo(String.class).list());
    }

    private static String due() throws Exception {
        var out = new ByteArrayOutputStream();
        var blobs = opened.dataDir().resolve("blobs");
        var store = new pastel.blob.FileBlobStore(opened.dataDir());
        var media = new MediaService(new MediaStore(app.database().jdbi()), store, store.incoming(), clock);
        DueReport.print(new PrintStream(out, true, StandardCharsets.UTF_8), pastel.support.TestConfig.of(opened.dataDir()),
                app.database(), media, blobs.resolve(".incoming"), java.time.Duration.ofSeconds(30));
        return out.toString(StandardCharsets.UTF_8);
    }
}
