/// Each person's role in force, from the two places roles are given: a grant in the workspace's
/// database (`handoff people grant`) overrides the rulebook for that person, in either direction; anyone
/// without a grant has the rulebook's role (`People`: their own entry, else `everyone:`), or is a lead
/// when the rulebook has no `people:` at all (one person's machine, as before roles).
///
/// A grant is the team lead's lever that needs no edit or reload of the rulebook; the rulebook stays the
/// way back in when no one is a lead any more (`hasLead`).
public struct Roles: Sendable, Hashable {
    /// The rulebook's `people:`; nil when it has none.
    public var people: People?
    /// Roles granted in the database and in force, by person.
    public var granted: [String: Role]

    public init(people: People?, granted: [String: Role] = [:]) {
        self.people = people
        self.granted = granted
    }

    /// Where a person's role comes from.
    public enum Source: String, Sendable, Hashable {
        /// A grant in the database.
        case granted
        /// Their own line in the rulebook's `people:`.
        case rulebook
        /// The rulebook's `everyone:` (viewer unless said), for someone `people:` does not name.
        case everyone
        /// The rulebook has no `people:`: everyone is a lead.
        case noPeople = "no-people"
    }

    public func role(of person: String) -> Role {
        granted[person] ?? people?.role(of: person) ?? .lead
    }

    public func source(of person: String) -> Source {
        if granted[person] != nil { return .granted }
        guard let people else { return .noPeople }
        return people.roles[person] != nil ? .rulebook : .everyone
    }

    /// Whether roles hold anyone back at all: with neither `people:` nor grants everyone is a lead.
    public var enforced: Bool { people != nil || !granted.isEmpty }

    /// Everyone named in either place, in name order.
    public var named: [String] { Set(granted.keys).union(people.map { Array($0.roles.keys) } ?? []).sorted() }

    /// Whether anyone is a lead: a named person, or anyone at all when the default (`everyone:`, or no
    /// `people:`) is lead. Without one, no one could grant a role again short of editing the rulebook.
    public var hasLead: Bool {
        if (people?.everyone ?? .lead) == .lead { return true }
        return named.contains { role(of: $0) == .lead }
    }

    /// The roles after granting `role` to `person` (nil withdraws their grant).
    public func with(_ person: String, _ role: Role?) -> Roles {
        var copy = self
        copy.granted[person] = role
        return copy
    }
}
