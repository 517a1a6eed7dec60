package pastel.feature;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import pastel.blob.BlobStore;
import pastel.config.Config;
import pastel.db.Database;
import pastel.realtime.EventBus;

/// What every feature may build on: the infrastructure below all features. `events` is the bus
/// services publish on (Web Push hooked in, see `pastel.push.PushingEventBus`).
public record Platform(Config config, Database database, Clock clock, EventBus events, BlobStore blobs) {
    public Jdbi jdbi() {
        return database.jdbi();
    }
}
