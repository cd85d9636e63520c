import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace

/// Everything a command that acts through the desk needs: database, rulebook, clock and operator.
struct DeskOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var actor: OperatorOptions

    struct Opened {
        var store: any LeadStore
        var desk: Desk
        var rules: RulesOptions.Loaded
        var operatorName: String
    }

    /// The role of the person running the command: granted in the database, else the rulebook's
    /// `people:` (a lead when it names no one). Read on a read-only look at the database; one that cannot
    /// be opened so (missing, or made by an older Handoff) has no grants yet, and `open` reports any trouble.
    func grantedRole() throws -> Role {
        let rulebook = try rules.load(lintWeek: clock.clock()()).rulebook
        let location = try database.location().location
        let exists = if case .file(let path) = location { FileManager.default.fileExists(atPath: path) } else { true }
        let look = exists ? try? location.open(readOnly: true, migrationProgress: nil) : nil
        let granted = look.flatMap { try? $0.roleGrants().roles } ?? [:]
        return Roles(people: rulebook.people, granted: granted).role(of: actor.resolved())
    }

    /// Opens the existing database, loads the rulebook (refusing one with errors) and starts a desk on them.
    /// A `readOnly` desk sits on a read-only connection: nothing it does can write.
    func open(readOnly: Bool = false) throws -> Opened {
        let store = try database.openExisting(writing: !readOnly, readOnly: readOnly)
        let clock = try clock.clock()
        let rules = try rules.load(lintWeek: clock())
        let desk = try StoreFailure.guarded { try Desk(store: store, rulebook: rules.rulebook, clock: clock) }
        return Opened(store: store, desk: desk, rules: rules, operatorName: actor.resolved())
    }
}
