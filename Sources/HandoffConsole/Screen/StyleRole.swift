/// What a piece of the screen *is* (a heading, a flagged state, a high load), never what color it has.
/// Themes map roles to colors and attributes; a dotted role falls back to its parent
/// ("reason.sla_breached" -> "reason" -> the plain table row) when a theme leaves it out.
public struct StyleRole: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(_ value: String) { rawValue = value }

    public var description: String { rawValue }

    /// The role this one falls back to, or nil at the top.
    public var parent: StyleRole? {
        // The plain role is dotted too ("table.row"): checked first, or "table" would lead back to it.
        if self == .plain { return nil }
        if let dot = rawValue.lastIndex(of: ".") { return StyleRole(String(rawValue[..<dot])) }
        return .plain
    }

    public static let plain: StyleRole = "table.row"
    public static let header: StyleRole = "header"
    public static let headerPulse: StyleRole = "header.pulse"
    public static let headerAlert: StyleRole = "header.alert"
    public static let tableHeading: StyleRole = "table.heading"
    public static let selection: StyleRole = "selection"
    public static let marked: StyleRole = "marked"
    public static let border: StyleRole = "border"
    public static let borderFocus: StyleRole = "border.focus"
    public static let tabActive: StyleRole = "tab.active"
    public static let tab: StyleRole = "tab"
    public static let muted: StyleRole = "muted"
    public static let title: StyleRole = "title"
    public static let dialog: StyleRole = "dialog"
    public static let input: StyleRole = "input"
    public static let statusInfo: StyleRole = "status.info"
    public static let statusOK: StyleRole = "status.ok"
    public static let statusError: StyleRole = "status.error"
    public static let hintKey: StyleRole = "hint.key"
    public static let hintText: StyleRole = "hint.text"
    public static let badge: StyleRole = "badge"
    public static let sparkline: StyleRole = "sparkline"
    public static let loadLow: StyleRole = "load.low"
    public static let loadMedium: StyleRole = "load.medium"
    public static let loadHigh: StyleRole = "load.high"
    public static let loadOver: StyleRole = "load.over"

    public static func state(_ name: String) -> StyleRole { StyleRole("state." + name) }
    public static func reason(_ code: String) -> StyleRole { StyleRole("reason." + code) }

    /// Every role the console draws with, so a theme check can say which ones a file leaves to fallback.
    public static let known: [StyleRole] = [
        .plain, .header, .headerPulse, .headerAlert, .tableHeading, .selection, .marked, .border, .borderFocus,
        .tabActive, .tab, .muted, .title, .dialog, .input, .statusInfo, .statusOK, .statusError, .hintKey, .hintText,
        .badge, .sparkline, .loadLow, .loadMedium, .loadHigh, .loadOver,
    ]
}
