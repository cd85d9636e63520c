/// What a theme file says about one role. What it leaves out (nil) comes from the parent role, so
/// `header.pulse: {fg: accent}` keeps the header's background and attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    /// Replaces the parent's attributes when set (`attrs: []` clears them).
    public var attributes: TextAttributes?

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes? = nil) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// `base` with what this role sets laid over it.
    func applied(to base: CellStyle) -> CellStyle {
        CellStyle(
            foreground: foreground ?? base.foreground,
            background: background ?? base.background,
            attributes: attributes ?? base.attributes
        )
    }
}
