import Foundation
import HandoffStore

/// `quarantine --json`.
struct QuarantineJSON: Encodable {
    struct Record: Encodable {
        var file: String
        var line: Int
        var column: Int?
        var field: String?
        var reason: String
        var raw: String

        init(_ r: QuarantinedRecord) {
            file = r.file
            line = r.line
            column = r.column
            field = r.field
            reason = r.reason
            raw = r.raw
        }
    }

    var records: [Record]
}

/// Raw records can hold line breaks and tabs (quoted CSV fields); a table row must not.
enum RawText {
    static func oneLine(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: " ")
    }
}
