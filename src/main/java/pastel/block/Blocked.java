package pastel.block;

import java.time.Instant;

/// An account the caller blocks, as `GET /blocks` lists it.
public record Blocked(String username, String displayName, Instant since) {}
