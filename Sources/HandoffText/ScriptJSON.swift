import Foundation

/// JSON for scripts and programs, one encoder for the command line and the server: snake_case keys in
/// a stable (sorted) order, times as ISO 8601 in UTC, controls escaped so the text is safe on a terminal.
public enum ScriptJSON {
    /// One document, indented for reading.
    public static func document<T: Encodable>(_ value: T) -> String { encode(value, pretty: true) }

    /// One line, for streams of objects (JSON Lines, a server's feed).
    public static func line<T: Encodable>(_ value: T) -> String { encode(value, pretty: false) }

    private static func encode<T: Encodable>(_ value: T, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantText.format(date))
        }
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Numbers read from input are finite by construction (`NumberText`); a store written before
        // that rule could still hold an infinity, which is written as a string rather than trapping.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // The shapes hold only strings, numbers, booleans and dates, which always encode.
        return JSONText.escapingControls(String(decoding: try! encoder.encode(value), as: UTF8.self))
    }
}
