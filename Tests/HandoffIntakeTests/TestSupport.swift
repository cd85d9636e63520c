import Foundation
import HandoffCore
@testable import HandoffIntake

/// Helpers shared by the intake tests: a fixed clock, byte sources over inline text, and readers run
/// to the end.
enum Sample {
    /// 2026-11-17 00:00 UTC: leads without a time of their own get this one.
    static let now = Date(timeIntervalSince1970: 1_794_873_600)

    static var options: LeadParseOptions { LeadParseOptions(receivedAt: now) }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Every record of `bytes`, read `chunk` bytes at a time.
    static func records(_ bytes: [UInt8], chunk: Int = .max, options: ReadOptions = ReadOptions()) throws -> [CSVRecord] {
        var reader = CSVReader(MemoryByteSource(bytes, name: "test.csv", chunkLimit: chunk), options: options)
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    static func records(_ text: String, chunk: Int = .max) throws -> [CSVRecord] { try records(bytes(text), chunk: chunk) }

    /// A whole lead import: accepted leads, quarantined records and the summary.
    static func importLeads(_ bytes: [UInt8], name: String = "leads.csv", format: InputFormat = .csv, mapping: ColumnMapping? = nil,
                            chunk: Int = .max) throws -> (leads: [ImportedLead], quarantined: [QuarantinedInput], summary: ImportSummary) {
        var run = try LeadImport(MemoryByteSource(bytes, name: name, chunkLimit: chunk), format: format, mapping: mapping, options: options)
        var leads: [ImportedLead] = []
        var quarantined: [QuarantinedInput] = []
        while let result = try run.next() {
            switch result {
            case .accepted(let lead): leads.append(lead)
            case .quarantined(let record): quarantined.append(record)
            }
        }
        return (leads, quarantined, run.summary)
    }

    static func importLeads(_ text: String, name: String = "leads.csv", format: InputFormat = .csv, mapping: ColumnMapping? = nil,
                            chunk: Int = .max) throws -> (leads: [ImportedLead], quarantined: [QuarantinedInput], summary: ImportSummary) {
        try importLeads(bytes(text), name: name, format: format, mapping: mapping, chunk: chunk)
    }

    /// A UTC instant from its parts.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        Date(timeIntervalSince1970: Double(LocalTime(year: year, month: month, day: day, hour: hour, minute: minute).secondsSinceEpoch + second))
    }
}

extension QuarantinedInput {
    /// "line:column reason-message", compact for assertions.
    var spot: String { "\(line):\(column)" }
}
