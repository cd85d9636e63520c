import ArgumentParser
import Foundation
import HandoffStore
import HandoffText

/// `handoff quarantine`: records intake could not accept, where they were and why.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List records intake could not accept: file and line, field, reason, and the raw record.",
        discussion: "Exit codes: 0 success, 2 the database could not be read, 64 the command line is wrong."
    )

    @Option(name: .long, help: ArgumentHelp("Show at most this many, oldest first.", valueName: "n"))
    var limit = 50

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...OptionLimits.rows).contains(limit) else { throw ValidationError("--limit must be from 1 to \(OptionLimits.rowsText).") }
    }

    func run() throws {
        let store = try database.openExisting()
        let records = try StoreFailure.guarded { try store.quarantined(limit: limit) }
        if output.json {
            print(JSONOutput.document(QuarantineJSON(records: records.map(QuarantineJSON.Record.init))))
            return
        }
        guard !records.isEmpty else {
            print("Nothing in quarantine.")
            return
        }
        // The reason is last and never cut: it says what to fix.
        let table = TextTable([.init("WHERE"), .init("FIELD"), .init("RAW", maxWidth: 40), .init("REASON")])
        let rows: [[TextTable.Cell]] = records.map {
            [.init("\($0.file):\($0.line)" + ($0.column.map { ":\($0)" } ?? "")), .init($0.field ?? "-"), .init(RawText.oneLine($0.raw)), .init($0.reason, .yellow)]
        }
        for line in table.render(rows, style: output.style) { print(line) }
    }
}
