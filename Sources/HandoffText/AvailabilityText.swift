import HandoffCore

extension Availability {
    /// A stable code for scripts: `available`, `inactive`, `out_of_office`, `off_hours`.
    public var code: String {
        switch self {
        case .available: "available"
        case .inactive: "inactive"
        case .outOfOffice: "out_of_office"
        case .offHours: "off_hours"
        }
    }

    /// In words, as the decision trace says it: "off hours (03:10 in America/Sao_Paulo)".
    public var text: String {
        switch self {
        case .available: "available"
        case .inactive: "inactive"
        case .outOfOffice(let until): "out of office until \(until)"
        case .offHours(let local, let zone): "off hours (\(local) in \(zone))"
        }
    }

    public var colour: TextStyle.Colour? {
        switch self {
        case .available: .green
        case .offHours, .outOfOffice: .yellow
        case .inactive: .dim
        }
    }
}
