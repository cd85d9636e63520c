import Yams

/// One mapping entry, with its key as written.
struct Entry {
    var key: String
    var keyNode: Node
    var value: Node
}

/// The entries of a mapping whose keys were checked against the allowed set.
struct Fields {
    let node: Node
    private let values: [String: Entry]

    init(node: Node, entries: [Entry]) {
        self.node = node
        values = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of `key`, or nil when absent or written as nothing (`key:` or `~`).
    subscript(key: String) -> Node? {
        guard let v = values[key]?.value, !v.isNull else { return nil }
        return v
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func keySpot(_ key: String) -> Spot? { values[key]?.keyNode.spot }

    var keys: [String] { values.values.sorted { $0.keyNode.spot < $1.keyNode.spot }.map(\.key) }
}
