import ArgumentParser
import HandoffCore
import HandoffStore

/// `handoff audit anchor`: the newest entry's number and hash, to keep elsewhere.
struct AuditAnchorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Print the newest log entry's number and hash (SEQ:HASH), to keep elsewhere.",
        discussion: """
            Keep the line where whoever can write the database cannot (a ticket, a chat message, another \
            machine); `handoff audit verify --anchor SEQ:HASH` then proves the log up to that entry unchanged.

            Exit codes: 0 printed, 1 the log is empty, 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        guard let anchor = try StoreFailure.guarded({ try store.logAnchor() }) else {
            Console.error("handoff: the log is empty; there is nothing to anchor yet")
            throw ExitCode.unhealthy
        }
        if output.json {
            print(JSONOutput.document(AnchorJSON(seq: anchor.seq, hash: LogEntryHash.hex(anchor.hash), anchor: anchor.description)))
        } else {
            print(anchor.description)
        }
    }
}

struct AnchorJSON: Encodable {
    var seq: Int64
    var hash: String
    /// What `audit verify --anchor` takes.
    var anchor: String
}
