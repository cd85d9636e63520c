/// A console theme with every role worked out ahead of time: the screen asks for a style per drawn run,
/// every frame, so `style(_:)` is one dictionary lookup for any role the console knows.
public struct Theme: Sendable, Equatable {
    public let name: String
    /// Every themeable role (and any other the file set), with the fallback chain already applied.
    public private(set) var styles: [StyleRole: CellStyle]

    /// Resolves `roles` as a file gives them: a role takes what it leaves out from its parent
    /// ("reason.sla_breached" -> "reason" -> "table.row"), and the plain row from the terminal's own colors.
    public init(name: String, roles: [StyleRole: RoleStyle]) {
        self.name = name
        var styles: [StyleRole: CellStyle] = [:]
        func resolve(_ role: StyleRole) -> CellStyle {
            if let done = styles[role] { return done }
            let base = role.parent.map(resolve) ?? .plain
            let style = roles[role]?.applied(to: base) ?? base
            styles[role] = style
            return style
        }
        for role in StyleRole.themeable { _ = resolve(role) }
        for role in roles.keys { _ = resolve(role) }
        self.styles = styles
    }

    /// How `role` looks. A role nobody prepared (a new reason code) walks up its parents.
    public func style(_ role: StyleRole) -> CellStyle {
        if let style = styles[role] { return style }
        var next = role.parent
        while let r = next {
            if let style = styles[r] { return style }
            next = r.parent
        }
        return .plain
    }

    /// This theme as a terminal of `depth` can show it. Attributes always stay, so NO_COLOR keeps bold
    /// and underline; with no color at all, a role set apart by its background (the selection bar, the
    /// header) is shown in reverse instead, so it still stands out.
    public func degraded(to depth: ColorDepth) -> Theme {
        guard depth != .trueColor else { return self }
        let rowBackground = style(.plain).background
        var copy = self
        copy.styles = styles.mapValues { s in
            var d = CellStyle(foreground: s.foreground.degraded(to: depth), background: s.background.degraded(to: depth), attributes: s.attributes)
            if depth == .none, s.background != rowBackground, !s.attributes.contains(.reverse) { d.attributes.insert(.reverse) }
            return d
        }
        return copy
    }
}
