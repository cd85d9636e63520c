import Foundation
import HandoffCore

/// The `:` command line: commands by name with arguments, Tab completion and history.
enum CommandLineRunner {
    struct Entry {
        var name: String
        var usage: String
        /// What the second word completes from.
        var argument: Argument
    }

    enum Argument { case none, owner, theme, onOff, column }

    static let commands: [Entry] = [
        Entry(name: "approve", usage: "approve", argument: .none),
        Entry(name: "reassign", usage: "reassign OWNER [REASON]", argument: .owner),
        Entry(name: "annotate", usage: "annotate TEXT", argument: .none),
        Entry(name: "disqualify", usage: "disqualify REASON", argument: .none),
        Entry(name: "retry", usage: "retry", argument: .none),
        Entry(name: "accept", usage: "accept", argument: .none),
        Entry(name: "claim", usage: "claim (the exception: colleagues are asked before acting on it)", argument: .none),
        Entry(name: "unclaim", usage: "unclaim (end the claim on the exception)", argument: .none),
        Entry(name: "ooo", usage: "ooo OWNER FROM..UNTIL | ooo OWNER clear", argument: .owner),
        Entry(name: "filter", usage: "filter [owner:ID reason:CODE country:XX state:STATE route:NAME text]", argument: .none),
        Entry(name: "sort", usage: "sort COLUMN", argument: .column),
        Entry(name: "theme", usage: "theme NAME|PATH", argument: .theme),
        Entry(name: "reload", usage: "reload (the rulebook file)", argument: .none),
        Entry(name: "simulate", usage: "simulate DRAFT.yaml (the last 30 days through a draft rulebook)", argument: .none),
        Entry(name: "shadow", usage: "shadow [DRAFT.yaml|stop|promote] (a draft deciding the live stream beside the rulebook)", argument: .none),
        Entry(name: "pause", usage: "pause [OWNER [REASON]] (the routing core, or one owner)", argument: .owner),
        Entry(name: "resume", usage: "resume [OWNER] (the routing core, or one owner)", argument: .owner),
        Entry(name: "follow", usage: "follow", argument: .none),
        Entry(name: "goto", usage: "goto L-0000042 (or its number; :L-0000042 too): select and open a lead", argument: .none),
        Entry(name: "mouse", usage: "mouse on|off", argument: .onOff),
        Entry(name: "undo", usage: "undo", argument: .none),
        Entry(name: "help", usage: "help", argument: .none),
        Entry(name: "quit", usage: "quit (or q)", argument: .none),
    ]

    static func run(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = words.removeFirst().lowercased()
        let rest = words.joined(separator: " ")
        if words.isEmpty, name.hasPrefix("l-"), let id = LeadJump.leadId(name) { return LeadJump.jump(&state, to: id) }
        switch name {
        case "goto", "go": return LeadJump.run(&state, rest)
        case "q", "quit", "q!", "exit":
            return Reducer.run(&state, .quit)
        case "help":
            return Reducer.run(&state, .help)
        case "approve": return Reducer.run(&state, .approve)
        case "retry": return Reducer.run(&state, .retry)
        case "accept": return Reducer.run(&state, .accept)
        case "undo": return Reducer.run(&state, .undo)
        case "claim", "unclaim": return ClaimActions.command(&state, claiming: name == "claim")
        case "follow": return Reducer.run(&state, .follow)
        case "annotate", "note", "disqualify":
            let command: ConsoleCommand = name == "disqualify" ? .disqualify : .annotate
            var effects = Reducer.run(&state, command)
            if !rest.isEmpty, case .input(let purpose, _) = state.modal { effects += Prompts.submit(&state, purpose, rest) }
            return effects
        case "reassign":
            guard let owner = words.first else { return Reducer.run(&state, .reassign) }
            guard state.settings.ownerIds.contains(owner) else { return unknownOwner(&state, owner) }
            var effects = Reducer.run(&state, .reassign)
            guard case .picker(let picker) = state.modal else { return effects }
            let reason = words.dropFirst().joined(separator: " ")
            state.modal = .input(.reassignReason(picker.targets, owner: owner), TextInput(reason))
            if !reason.isEmpty { effects += Prompts.submit(&state, .reassignReason(picker.targets, owner: owner), reason) }
            return effects
        case "ooo":
            if let reason = state.settings.readOnlyReason { Reducer.say(&state, "ooo is disabled: \(reason)", .error); return [] }
            guard words.count == 2 else {
                Reducer.say(&state, "usage: :ooo OWNER FROM..UNTIL sets a window, :ooo OWNER clear removes those set here", .error)
                return []
            }
            guard state.settings.ownerIds.contains(words[0]) else { return unknownOwner(&state, words[0]) }
            if ["clear", "none", "off"].contains(words[1].lowercased()) { return [.clearAbsence(owner: words[0])] }
            return Prompts.submit(&state, .outOfOffice(owner: words[0]), words[1])
        case "filter":
            return ModalKeys.applyFilter(&state, rest)
        case "sort":
            let titles = Columns.titles(state.tab).map { $0.lowercased() }
            guard let index = titles.firstIndex(where: { $0.hasPrefix(rest.lowercased()) }), !rest.isEmpty else {
                Reducer.say(&state, "sort by one of: " + titles.joined(separator: ", "), .error)
                return []
            }
            state.sort[state.tab] = SortSpec(column: index, descending: false)
            Reducer.sorted(&state)
            Reducer.say(&state, "sorted by \(titles[index])", .info)
        case "theme":
            guard !rest.isEmpty else { Reducer.say(&state, "themes: " + state.settings.themeNames.joined(separator: ", "), .info); return [] }
            return [.theme(rest)]
        case "reload":
            if let reason = state.settings.readOnlyReason { Reducer.say(&state, "reload is disabled: \(reason)", .error); return [] }
            return [.reloadRules]
        case "simulate":
            return SimulationActions.start(&state, rest)
        case "shadow":
            return ShadowActions.command(&state, rest)
        case "pause", "resume":
            if let reason = state.settings.readOnlyReason { Reducer.say(&state, "\(name) is disabled: \(reason)", .error); return [] }
            guard let owner = words.first else { return [.pauseCore(name == "pause")] }
            // With an owner: that owner, not the routing core.
            guard state.settings.ownerIds.contains(owner) else { return unknownOwner(&state, owner) }
            let reason = words.dropFirst().joined(separator: " ")
            return LeadActions.pauseOrResume(&state, owner: owner, paused: name == "resume", reason: name == "pause" && reason.isEmpty ? nil : reason)
        case "mouse":
            let on: Bool
            switch rest.lowercased() {
            case "on", "yes", "true": on = true
            case "off", "no", "false": on = false
            default:
                Reducer.say(&state, rest.isEmpty ? "usage: :mouse on|off" : ":mouse takes on or off, not \"\(rest)\"; mouse stays \(state.settings.mouse ? "on" : "off")", .error)
                return []
            }
            state.settings.mouse = on
            Reducer.say(&state, "mouse \(on ? "on" : "off")", .info)
            return [.mouse(on)]
        default:
            let names = commands.map(\.name)
            let hint = Suggestion.closest(to: name, in: names).map { "; did you mean :\($0)?" } ?? "; :help lists the keys, Tab completes"
            Reducer.say(&state, ":\(name) is not a command\(hint)", .error)
        }
        return []
    }

    static func unknownOwner(_ state: inout ConsoleState, _ owner: String) -> [ConsoleEffect] {
        let hint = Suggestion.closest(to: owner, in: state.settings.ownerIds).map { "; did you mean \($0)?" } ?? ""
        Reducer.say(&state, "no owner \(owner)\(hint)", .error)
        return []
    }

    /// Completes the word before the caret: a command name, then an owner, theme or column.
    static func complete(_ state: ConsoleState, _ line: CommandPrompt) -> CommandPrompt {
        var line = line
        let text = line.input.text
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = words.last ?? ""
        let options: [String]
        if words.count <= 1 {
            options = commands.map(\.name)
        } else if words.count == 2, let entry = commands.first(where: { $0.name == words[0].lowercased() }) {
            switch entry.argument {
            case .owner: options = state.settings.ownerIds
            case .theme: options = state.settings.themeNames
            case .onOff: options = ["on", "off"]
            case .column: options = Columns.titles(state.tab).map { $0.lowercased().replacingOccurrences(of: " ", with: "-") }
            case .none: options = []
            }
        } else {
            options = []
        }
        let matches = options.filter { $0.hasPrefix(current.lowercased()) }
        line.completions = words.count <= 1 ? matches.map { labelled($0, state) } : matches
        guard !matches.isEmpty else { return line }
        let prefix = words.dropLast().map { $0 + " " }.joined()
        if matches.count == 1 {
            line.input.set(prefix + matches[0] + " ")
        } else {
            line.input.set(prefix + commonPrefix(matches))
        }
        return line
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() { while !word.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix
    }
}
