import ArgumentParser

/// `handoff audit ...`: the log's hash chain, checked and anchored.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that the event log was not changed behind Handoff's back, and anchor it.",
        discussion: """
            Every log entry carries a SHA-256 hash of its content and of the entry before it, so changing, \
            removing or inserting an entry breaks the chain from there on. `audit anchor` prints the newest \
            entry's number and hash: keep it somewhere else (a ticket, a chat message), and `audit verify \
            --anchor` later proves the log up to that entry unchanged, even against someone who rewrote the \
            file and recomputed its hashes. docs/AUDIT.md says what the chain does and does not protect against.
            """,
        subcommands: [AuditVerifyCommand.self, AuditAnchorCommand.self]
    )
}
