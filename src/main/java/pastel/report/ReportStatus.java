package pastel.report;

/// Where a report stands, stored as its lower-case name (`db.Mapping`): open until an admin
/// resolves it (something was done: the item removed, the account warned) or dismisses it
/// (nothing to do). A decision is taken once ([ReportStore#decide]).
public enum ReportStatus {
    OPEN, RESOLVED, DISMISSED;

    /// The status named by a query parameter (`open`, `resolved`, `dismissed`), or null.
    static ReportStatus parse(String text) {
        if (text == null) return null;
        for (var status : values()) if (status.name().equalsIgnoreCase(text.strip())) return status;
        return null;
    }
}
