import HandoffCore

extension StyleRole {
    public static func state(_ state: LeadState) -> StyleRole { .state(state.rawValue) }
    public static func reason(_ reason: ExceptionReason) -> StyleRole { .reason(reason.code) }

    /// Every role a theme may set, in the order the docs list them: the roles the console draws with,
    /// their dotted prefixes ("load", "status"), and one role per lead state and exception reason.
    public static let themeable: [StyleRole] = {
        var roles: [StyleRole] = []
        var seen: Set<StyleRole> = []
        func add(_ role: StyleRole) { if seen.insert(role).inserted { roles.append(role) } }
        for role in known {
            var prefixes: [StyleRole] = []
            var p = role.parent
            while let r = p, r != .plain { prefixes.append(r); p = r.parent }
            prefixes.reversed().forEach(add)
            add(role)
        }
        add("state")
        LeadState.allCases.forEach { add(.state($0)) }
        add("reason")
        ExceptionReason.allCases.forEach { add(.reason($0)) }
        return roles
    }()
}
