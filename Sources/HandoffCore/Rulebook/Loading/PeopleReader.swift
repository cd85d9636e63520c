import Yams

extension RulebookReader {
    static let peopleExample = "{maria: lead, ana: operator, wallboard: viewer, everyone: viewer}"

    /// `people:` at the top: person -> role, and `everyone:` for anyone not named.
    mutating func readPeople(_ node: Node?) -> People? {
        guard let node, let entries = entries(node, "people", example: Self.peopleExample) else { return nil }
        var people = People(roles: [:])
        for entry in entries {
            let what = entry.key == "everyone" ? "role" : "role of '\(entry.key)'"
            guard let role = choice(entry.value, what, in: "people", Role.allCases) else { continue }
            if entry.key == "everyone" { people.everyone = role } else { people.roles[entry.key] = role }
        }
        return people
    }
}
