import HandoffCore

/// Turns JSON Lines objects into leads, or into quarantined records.
///
/// Keys are recognised like CSV headers (mapping file first, then the known spellings), one key at a
/// time since each line may carry different ones. Strings, numbers (as written), booleans ("true",
/// "false") fill fields; null and "" are absent; objects and arrays go into attributes as JSON text
/// under their key, whatever the key. The same checks as CSV apply to numbers, times and empty records;
/// a line that is not one object, or repeats a key, is quarantined too.
public struct JSONLeadParser: Sendable {
    public let file: String
    public let mapping: ColumnMapping?
    public let options: LeadParseOptions
    public private(set) var acceptedCount = 0
    /// Keys seen so far, in first-seen order, with where their values go.
    public private(set) var columns: [ColumnUse] = []
    /// Keys that named a field an earlier key of the same object had filled.
    public private(set) var repeatedFields: [HeaderMap.RepeatedField] = []
    private var targets: [String: ColumnTarget] = [:]
    private var tally = DialectTally()
    private var seen = Set<String>()
    /// The keys of the last line that had no repeats, and their targets: lines from one system almost
    /// always repeat the same keys in the same order, and comparing is cheaper than hashing each key.
    private var shapeKeys: [String] = []
    private var shapeTargets: [ColumnTarget] = []

    public init(file: String, mapping: ColumnMapping? = nil, options: LeadParseOptions) {
        self.file = file
        self.mapping = mapping
        self.options = options
    }

    /// The dialect of the keys seen so far.
    public var dialect: HeaderDialect { tally.dialect }

    /// Mapping entries for keys no line has used so far.
    public var mappingWarnings: [Diagnostic] {
        (mapping?.entries ?? []).filter { entry in
            !columns.contains { HeaderKey.trimmed($0.header) == HeaderKey.trimmed(entry.header) || HeaderKey.loose($0.header) == HeaderKey.loose(entry.header) }
        }.map { entry in
            Diagnostic(severity: .warning, file: mapping?.file ?? "mapping", line: entry.position.line, column: entry.position.column,
                       message: "no key '\(entry.header)' in the input; the entry is unused")
        }
    }

    public mutating func parse(_ line: JSONLine) -> IntakeResult<ImportedLead> {
        func quarantine(_ offset: Int, _ field: String?, _ reason: QuarantineReason) -> IntakeResult<ImportedLead> {
            let at = line.position(atOffset: offset)
            return .quarantined(QuarantinedInput(file: file, line: at.line, column: at.column, recordLine: line.line,
                                                 field: field, reason: reason, raw: line.raw))
        }
        if let problem = line.problem {
            return quarantine(problem.offset, nil, problem.lengthLimit.map { .recordTooLong(limit: $0) } ?? .invalidJSON(problem.message))
        }
        if !sameShape(line.members) {
            seen.removeAll(keepingCapacity: true)
            for member in line.members where !seen.insert(member.key).inserted {
                return quarantine(member.keyOffset, member.key, .repeatedKey(member.key))
            }
            shapeKeys = line.members.map(\.key)
            shapeTargets = shapeKeys.map { target(for: $0) }
        }
        var draft = LeadDraft(receivedAt: options.receivedAt)
        for (index, member) in line.members.enumerated() {
            var target = shapeTargets[index]
            let value: String
            switch member.value {
            case .null: continue
            case .string(let text): value = text
            case .number(let text): value = text
            case .bool(let flag): value = flag ? "true" : "false"
            case .nested(let text):
                value = text
                target = .attribute(HeaderKey.trimmed(member.key))
            }
            if value.isEmpty { continue }
            if case .field(let column) = target, draft.isFilled(column) {
                noteRepeat(member.key, column, in: line)
                target = .attribute(HeaderKey.trimmed(member.key))
            }
            if let reason = draft.apply(target, value, column: member.key, dates: options.dates) {
                return quarantine(member.offset, member.key, reason)
            }
        }
        guard draft.hasValue else { return quarantine(0, nil, .noValues) }
        acceptedCount += 1
        draft.fields.id = options.makeID(acceptedCount)
        let lead = draft.lead
        let key = IdempotencyKey.of(lead, receivedAtFromRecord: draft.receivedAtGiven)
        return .accepted(ImportedLead(lead: lead, key: key, line: line.line))
    }

    private func sameShape(_ members: [JSONMember]) -> Bool {
        guard members.count == shapeKeys.count else { return false }
        for index in members.indices where members[index].key != shapeKeys[index] { return false }
        return true
    }

    /// Where a key's values go: worked out once per distinct key.
    private mutating func target(for key: String) -> ColumnTarget {
        if let known = targets[key] { return known }
        let trimmed = HeaderKey.trimmed(key)
        let target: ColumnTarget
        if let entry = mapping?.entries.first(where: { HeaderKey.trimmed($0.header) == trimmed })
            ?? mapping?.entries.first(where: { HeaderKey.loose($0.header) == HeaderKey.loose(trimmed) }) {
            target = entry.target
        } else {
            let recognition = HeaderRecognition.of(trimmed)
            tally.add(recognition.formats)
            target = recognition.column.map(ColumnTarget.field) ?? .attribute(trimmed)
        }
        targets[key] = target
        columns.append(ColumnUse(header: key, target: target))
        return target
    }

    private mutating func noteRepeat(_ key: String, _ column: LeadColumn, in line: JSONLine) {
        guard !repeatedFields.contains(where: { $0.header == key }) else { return }
        let first = line.members.first { $0.key != key && targets[$0.key] == .field(column) }?.key ?? column.name
        repeatedFields.append(HeaderMap.RepeatedField(header: key, field: column, filledBy: first))
    }
}
