/// `doctor --json`.
struct DoctorJSON: Encodable {
    var healthy: Bool
    var leads: Int
    var events: Int
    /// What SQLite found wrong with the file's pages; empty when they are whole.
    var damage: [String]
    var problems: [String]
    /// The newest entry up to which the log's hash chain holds (null when it breaks at the first or was not walked).
    var chainVerifiedThrough: Int64?
}
