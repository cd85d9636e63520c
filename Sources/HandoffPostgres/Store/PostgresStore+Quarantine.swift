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

    /// Appends a record's columns in `quarantineWriter`'s order. The raw line, the field and the reason go
    /// in as their bytes (schema version 2): a line holding a NUL, which PostgreSQL's text cannot hold,
    /// is kept whole, and so is a header with a NUL and the reason quoting it.
    static func bind(_ record: QuarantinedRecord, at time: Double, to binds: inout PostgresBindings) {
        binds.append(record.file)
        binds.append(Int64(record.line))
        binds.append(record.column.map(Int64.init))
        binds.append(record.field.map { ByteBuffer(string: $0) })
        binds.append(ByteBuffer(string: record.reason))
        binds.append(ByteBuffer(string: record.raw))
        binds.append(time)
    }

    @available(*, noasync, message: "blocks its thread")
    public func quarantined(limit: Int) throws -> [QuarantinedRecord] {
        try readOne { session in
            try session.columns("SELECT file, line, \"column\", field, reason, raw FROM quarantine ORDER BY seq LIMIT \(Int64(limit))").map {
                QuarantinedRecord(
                    file: try $0.value("file"), line: try $0.int("line"), column: try $0.optionalInt("column"),
                    field: try $0.bytes("field").map { String(decoding: $0, as: UTF8.self) },
                    reason: String(decoding: try $0.bytes("reason") ?? [], as: UTF8.self), raw: String(decoding: try $0.bytes("raw") ?? [], as: UTF8.self))
            }
        }
    }
}
