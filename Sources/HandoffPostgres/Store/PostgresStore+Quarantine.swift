import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// The quarantine: records an import or live intake could not accept, with their place and reason.
extension PostgresStore {
    /// Writes quarantined records; one already kept (same file, line and raw line) is not kept twice.
    static func quarantineWriter() -> PostgresRowWriter {
        PostgresRowWriter(into: "quarantine", columns: ["file", "line", "\"column\"", "field", "reason", "raw", "at"], then: "ON CONFLICT DO NOTHING")
    }

    /// Appends a record's columns in `quarantineWriter`'s order. The raw line goes in as its bytes
    /// (schema version 2), so a line holding a NUL, which PostgreSQL's text cannot, is kept whole.
    static func bind(_ record: QuarantinedRecord, at time: Double, to binds: inout PostgresBindings) {
        binds.append(record.file)
        binds.append(Int64(record.line))
        binds.append(record.column.map(Int64.init))
        binds.append(record.field)
        binds.append(record.reason)
        binds.append(ByteBuffer(string: record.raw))
        binds.append(time)
    }

    @available(*, noasync, message: "blocks its thread")
    public func quarantined(limit: Int) throws -> [QuarantinedRecord] {
        try readOne { session in
            try session.columns("SELECT file, line, \"column\", field, reason, raw FROM quarantine ORDER BY seq LIMIT \(Int64(limit))").map {
                QuarantinedRecord(
                    file: try $0.value("file"), line: try $0.int("line"), column: try $0.optionalInt("column"), field: try $0.text("field"),
                    reason: try $0.value("reason"), raw: String(decoding: try $0.bytes("raw") ?? [], as: UTF8.self))
            }
        }
    }
}
