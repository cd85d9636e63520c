/// `doctor --json`.
struct DoctorJSON: Encodable {
    var healthy: Bool
    var leads: Int
    var events: Int
    var problems: [String]
}
