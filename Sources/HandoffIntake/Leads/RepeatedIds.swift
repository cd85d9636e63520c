import HandoffCore

/// The external ids seen so far in one file, so that a second record with a known id is never dropped
/// silently: an identical repeat is counted as already present (the store skips it by its key), and
/// one with different values is quarantined naming the line of the first.
///
/// Kept as hashes (of the id, and of the record's bytes as written) to stay small on a file of millions
/// of rows: about 60 bytes an id. Within one run a 64-bit hash stands for its text. "Identical" is the
/// record written the same way; hashing the bytes rather than the parsed lead keeps the check to a
/// small part of a record's import time.
struct RepeatedIds {
    private struct First {
        var line: Int
        var content: Int
    }

    private var seen: [Int: First] = [:]

    /// The line of an earlier record with the same external id and different values; nil when the id
    /// is new (now remembered) or its earlier record was the same.
    mutating func conflict(_ imported: ImportedLead, raw: [UInt8]) -> Int? {
        guard imported.key.isExternalId else { return nil }
        var hasher = Hasher()
        raw.withUnsafeBytes { hasher.combine(bytes: $0) }
        let content = hasher.finalize()
        let id = imported.key.value.hashValue
        if let first = seen[id] {
            return first.content == content ? nil : first.line
        }
        seen[id] = First(line: imported.line, content: content)
        return nil
    }
}
