/// The JSON an operator command prints with `--json`.
struct OperatorResultJSON: Encodable {
    struct Result: Encodable {
        var lead: String
        var ok: Bool
        var state: String?
        var owner: String?
        var version: Int?
        var previousState: String?
        var previousOwner: String?
        var error: String?
    }

    var action: String
    var operatorName: String
    var succeeded: Int
    var refused: Int
    var results: [Result]

    init(action: String, operatorName: String, outcomes: [OperatorRun.Outcome]) {
        self.action = action
        self.operatorName = operatorName
        results = outcomes.map { o in
            Result(
                lead: o.id, ok: o.refusal == nil, state: o.after?.state.rawValue, owner: o.after?.owner, version: o.after?.version,
                previousState: o.before?.state.rawValue, previousOwner: o.before?.owner, error: o.refusal
            )
        }
        refused = results.count { !$0.ok }
        succeeded = results.count - refused
    }

    enum CodingKeys: String, CodingKey {
        case action, succeeded, refused, results
        case operatorName = "operator"
    }
}
