import HandoffCore

extension Availability {
    public var isPaused: Bool { if case .paused = self { true } else { false } }

    /// A stable code for scripts: `available`, `inactive`, `paused`, `out_of_office`, `holiday`,
    /// `off_hours`.
    public var code: String {
        switch self {
        case .available: "available"
        case .inactive: "inactive"
        case .paused: "paused"
        case .outOfOffice: "out_of_office"
        case .holiday: "holiday"
        case .offHours: "off_hours"
        }
    }

    /// In words, as the decision trace says it: "off hours (03:10 in America/Sao_Paulo)".
    public var text: String {
        switch self {
        case .available: "available"
        case .inactive: "inactive"
        case .paused(let text): text
        case .outOfOffice(let until): "out of office until \(until)"
        case .holiday(let name, let day): "on holiday (\(name), \(day))"
        case .offHours(let local, let zone): "off hours (\(local) in \(zone))"
        }
    }

    public var colour: TextStyle.Colour? {
        switch self {
        case .available: .green
        case .offHours, .outOfOffice, .holiday, .paused: .yellow
        case .inactive: .dim
        }
    }
}
