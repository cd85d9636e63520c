/// What a person may do, each role including the ones before it. Given per person in the rulebook's
/// `people:` or by a grant in the database (`Roles` says which wins) and enforced by the desk, so it holds for the console, the command line and anything else
/// that acts through the desk.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Looks: lists, leads, history, reports. Changes nothing.
    case viewer
    /// Triages: approves, reassigns, annotates, flags, retries, disqualifies, imports, and undoes their own actions.
    case `operator`
    /// Runs the team: also pauses owners, sets absences, reloads and promotes rulebooks, and undoes others' actions.
    case lead

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .lead: 2
        }
    }
}

/// Who has which role. With no `people:` in the rulebook everyone is a lead (one person's machine,
/// as before roles); with it, anyone it does not name has the role of `everyone:`, a viewer unless said.
public struct People: Sendable, Hashable {
    public var roles: [String: Role]
    public var everyone: Role

    public init(roles: [String: Role], everyone: Role = .viewer) {
        self.roles = roles
        self.everyone = everyone
    }

    public func role(of person: String) -> Role { roles[person] ?? everyone }
}
