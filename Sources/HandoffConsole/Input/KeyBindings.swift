/// One action's keys as the operator's config file sets them, with where it says so.
public struct KeyOverride: Sendable, Hashable {
    public var command: ConsoleCommand
    public var keys: [Key]

    public init(_ command: ConsoleCommand, _ keys: [Key]) {
        self.command = command
        self.keys = keys
    }
}

/// The key map in force: `KeyMap.bindings` with the operator's overrides applied. Key handling, the
/// hint bar, `?` help and `:` completion all read this one value, so a rebound key shows everywhere.
///
/// An override replaces the action's keys; a key it takes from another action is taken away from that
/// one, so one key never means two things in the same view.
public struct KeyBindings: Sendable, Hashable {
    public private(set) var bindings: [KeyBinding]
    private var table: [Key: [Int]] = [:]

    public static let standard = KeyBindings()

    public init(_ base: [KeyBinding] = KeyMap.bindings, overrides: [KeyOverride] = []) {
        var bindings = base
        for override in overrides {
            let taken = Set(override.keys)
            for i in bindings.indices where bindings[i].command != override.command {
                bindings[i].keys.removeAll { taken.contains($0) }
            }
            for i in bindings.indices where bindings[i].command == override.command { bindings[i].keys = override.keys }
        }
        self.bindings = bindings
        for (index, binding) in bindings.enumerated() {
            for key in binding.keys { table[key, default: []].append(index) }
        }
    }

    /// The command bound to `key` in `tab`, if any.
    public func command(for key: Key, in tab: Tab) -> ConsoleCommand? {
        guard let candidates = table[key]?.map({ bindings[$0] }) else { return nil }
        return candidates.first { $0.tabs?.contains(tab) ?? true }?.command ?? candidates.first?.command
    }

    /// The keys that run `command`, first the one the hint bar shows.
    public func keys(for command: ConsoleCommand) -> [Key] {
        bindings.first { $0.command == command }?.keys ?? []
    }

    /// Bindings shown on the hint bar for `tab`, in map order; an action left without keys is not offered.
    public func hints(for tab: Tab) -> [KeyBinding] {
        bindings.filter { $0.hint != nil && !$0.keys.isEmpty && ($0.tabs?.contains(tab) ?? true) }
    }

    /// The `?` help: one line per binding, grouped as the map lists them.
    public func helpLines() -> [(keys: String, text: String)] {
        bindings.map { binding in
            let scope = binding.tabs.map { tabs in " (" + Tab.allCases.filter(tabs.contains).map(\.title).joined(separator: ", ") + ")" } ?? ""
            return (binding.keys.isEmpty ? "(none)" : binding.keyNames, binding.help + scope)
        }
    }
}
