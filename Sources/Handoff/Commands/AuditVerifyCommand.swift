import ArgumentParser
import Foundation
import HandoffStore
import HandoffText

/// `handoff audit verify [--anchor SEQ:HASH]`: walks the log's hash chain.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Walk the log's hash chain and name the first entry changed, removed or inserted.",
        discussion: """
            Recomputes every entry's hash from the first, in order, and stops at the first that does not follow \
            from the one before: it names that entry and whether it was changed, inserted, or entries before it \
            removed. With --anchor (a line `handoff audit anchor` printed earlier), also proves the log up to \
            that entry is the one the anchor was taken from.

            Exit codes: 0 the chain holds (and the anchor with it), 1 it does not, 2 the database could not be \
            read, 64 the command line is wrong.
            """
    )

    @Option(name: .long, help: ArgumentHelp("An anchor kept from `handoff audit anchor`.", valueName: "seq:hash"))
    var anchor: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let anchor, LogAnchor(text: anchor) == nil {
            throw ValidationError("--anchor takes SEQ:HASH as `handoff audit anchor` prints it (an entry number, a colon, 64 hexadecimal digits).")
        }
    }

    func run() throws {
        let store = try database.openExisting()
        let anchor = self.anchor.flatMap(LogAnchor.init(text:))
        let terminal = Console.standardErrorIsTerminal && !output.json
        let audit = try StoreFailure.guarded {
            try store.auditLog(anchor: anchor) { done, total in
                if terminal { MigrationBar.draw("Verifying the log", done, total) }
            }
        }
        if terminal { MigrationBar.clear() }
        if output.json {
            print(JSONOutput.document(AuditJSON(
                intact: audit.intact, entries: audit.entries, verifiedThrough: audit.verified?.seq, problem: audit.problem,
                brokenAt: audit.brokenAt, anchorHeld: audit.anchorHeld?.description)))
        } else if let problem = audit.problem {
            let held = audit.verified.map { "The chain holds through entry #\($0.seq); " } ?? ""
            print("The log was changed behind Handoff's back: \(problem).")
            print("\(held)everything from entry #\(audit.brokenAt ?? 0) on cannot be trusted.")
        } else {
            print("The log's hash chain holds: \(counted(audit.entries, "entry", "entries")), newest \(audit.verified?.description ?? "none").")
            if let held = audit.anchorHeld { print("The anchor \(held) holds: the log up to entry #\(held.seq) is unchanged.") }
        }
        if !audit.intact { throw ExitCode.unhealthy }
    }
}

struct AuditJSON: Encodable {
    var intact: Bool
    var entries: Int
    var verifiedThrough: Int64?
    var problem: String?
    var brokenAt: Int64?
    var anchorHeld: String?
}
