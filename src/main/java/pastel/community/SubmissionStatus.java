package pastel.community;

/// Where a community submission stands: waiting for the team, or decided.
enum SubmissionStatus {
    PENDING, APPROVED, REJECTED;

    String label() {
        return name().toLowerCase();
    }
}
