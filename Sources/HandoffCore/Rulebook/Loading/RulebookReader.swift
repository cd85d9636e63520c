import Yams

/// Walks the YAML tree of a rulebook and builds the domain values, logging every problem on the way.
///
/// Each `read...` returns nil (or a placeholder) after logging when its part is wrong, and reading goes on,
/// so one pass reports every error in the file.
struct RulebookReader {
    var log: DiagnosticLog
    let duplicates: DuplicateKeys
    /// Where things were defined, for lint messages.
    var spots = RulebookSpots()
    /// Placeholders of repeated keys already reported.
    var reportedDuplicates: Set<String> = []
    /// Time zones read so far, by name (a test file's moments name a few zones many times).
    var zones: [String: ZoneClock] = [:]

    init(file: String, duplicates: DuplicateKeys) {
        log = DiagnosticLog(file: file)
        self.duplicates = duplicates
    }

    /// Repeated keys that were never reached, e.g. inside a part that had another error: still errors.
    mutating func reportUnreachedDuplicates() {
        for (placeholder, key) in duplicates.renamed where !reportedDuplicates.contains(placeholder) {
            log.error("duplicate key '\(key.name)'; each key may appear once in a mapping", at: Spot(line: key.line, column: key.column))
        }
    }
}

/// Where the reader found things, for lint messages and positions.
struct RulebookSpots: Sendable {
    var root = Spot.start
    var owners: [String: Spot] = [:]
    var pools: [String: Spot] = [:]
    var calendars: [String: Spot] = [:]
    var routes: [Spot] = []
}
