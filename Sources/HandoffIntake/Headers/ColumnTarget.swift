/// Where an input column's values go.
public enum ColumnTarget: Sendable, Hashable, CustomStringConvertible {
    case field(LeadColumn)
    /// `Lead.attributes` under this key.
    case attribute(String)

    /// "email" or "attributes.Lead Status", as a mapping file would write it.
    public var description: String {
        switch self {
        case .field(let column): column.name
        case .attribute(let key): "attributes." + key
        }
    }
}
