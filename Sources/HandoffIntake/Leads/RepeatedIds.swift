import HandoffCore

/// The external ids seen so far in one file, so that a second record with a known id is never dropped
/// silently: an identical repeat is counted as already present (the store skips it by its key), and
/// one with different values is quarantined naming the line of the first.
///
/// Kept as hashes (of the id, and of the record's values) to stay small on a file of millions of rows:
/// about 40 bytes an id. Within one run a 64-bit hash stands for its text.
struct RepeatedIds {
    private struct First {
        var line: Int
        var content: Int
    }

    private var seen: [Int: First] = [:]

    /// The line of an earlier record with the same external id and different values; nil when the id
    /// is new (now remembered) or its earlier record was the same.
    mutating func conflict(_ imported: ImportedLead) -> Int? {
        guard imported.key.isExternalId else { return nil }
        // The values as given: the lead id is a serial number the importer gives each record.
        var fields = imported.lead.fields
        fields.id = ""
        let content = fields.hashValue
        let id = imported.key.value.hashValue
        if let first = seen[id] {
            return first.content == content ? nil : first.line
        }
        seen[id] = First(line: imported.line, content: content)
        return nil
    }
}
