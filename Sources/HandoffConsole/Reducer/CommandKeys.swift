extension CommandLineRunner {
    /// The `:` commands a key also runs: completion names the key the operator's map gives each.
    static let keyed: [String: ConsoleCommand] = [
        "approve": .approve, "reassign": .reassign, "annotate": .annotate, "disqualify": .disqualify, "retry": .retry,
        "accept": .accept, "ooo": .outOfOffice, "filter": .filter, "sort": .sort, "follow": .follow, "undo": .undo,
        "help": .help, "quit": .quit,
    ]

    /// `approve(a)`: a command name with its first key, when it has one.
    static func labelled(_ name: String, _ state: ConsoleState) -> String {
        guard let command = keyed[name], let key = state.settings.keys.keys(for: command).first else { return name }
        return "\(name)(\(key.name))"
    }
}
