import ArgumentParser
import Foundation
import HandoffCore
import HandoffIntake
import HandoffStore

/// `handoff accounts ...`: the known companies leads are matched to.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Load and list known accounts (domain, name, owner).",
        subcommands: [AccountsImportCommand.self]
    )
}

/// `handoff accounts import FILE`: loads accounts from CSV, replacing ones with the same domain.
struct AccountsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load known accounts from a CSV file (domain, name, owner; - reads standard input).",
        discussion: """
            Recognised headers: domain / website / Website URL / Company Domain Name; name / company / \
            Company Name / Account Name; owner / Account Owner / Company owner. Rows without a usable \
            domain are quarantined with their line. An account with a known domain is updated.
            """
    )

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
    var file: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        let now = try clock.fixed() ?? Date()
        let (location, shown) = try database.location()
        let store = try DatabaseOptions.open(location, shown: shown)
        var accounts: [Account] = []
        var rejected: [QuarantinedInput] = []
        do {
            let source = file == "-" ? FileByteSource(descriptor: 0, name: "stdin") : try FileByteSource(path: file)
            var reader = try AccountImport(source)
            while let result = try reader.next() {
                switch result {
                case .accepted(let account): accounts.append(account)
                case .quarantined(let bad): rejected.append(bad)
                }
            }
        } catch {
            Console.error("handoff: \(error); no accounts were loaded")
            throw ExitCode.unreadable
        }
        try StoreFailure.guarded {
            try store.importing(at: now, actor: "accounts import") { sink in
                for bad in rejected {
                    try sink.quarantine(QuarantinedRecord(file: bad.file, line: bad.line, column: bad.column, field: bad.field, reason: bad.message, raw: bad.rawText))
                }
            }
            _ = try store.upsert(accounts: accounts)
        }
        print("Loaded \(Progress.grouped(accounts.count)) accounts from \(file); \(rejected.count) rows quarantined.")
        for bad in rejected.prefix(5) { print("  \(bad)") }
    }
}
