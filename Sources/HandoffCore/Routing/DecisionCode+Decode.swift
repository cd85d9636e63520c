import Foundation

extension DecisionCode {
    /// The decision `encode` wrote, with the lead id and rulebook version it leaves out, and for format 2
    /// the words it was coded with (the store's for that version). Throws `DecisionCodeError` for anything
    /// that is not a whole, well-formed record.
    public static func decode(
        _ bytes: some ContiguousBytes, leadId: String, rulebookVersion: String, words: DecisionWords? = nil
    ) throws -> Decision {
        try bytes.withUnsafeBytes { raw throws(DecisionCodeError) -> Decision in
            guard let first = raw.first else { throw .empty }
            let coded: DecisionWords?
            switch first {
            case format: coded = nil
            case wordsFormat:
                guard let words, words.version == rulebookVersion else { throw .noWords(rulebook: rulebookVersion) }
                coded = words
            default: throw .unknownFormat(first)
            }
            var r = CodeReader(raw, words: coded)
            _ = try r.byte()
            let decidedAt = Date(timeIntervalSinceReferenceDate: try r.double())
            var steps: [TraceStep] = []
            let stepCount = try r.count()
            steps.reserveCapacity(stepCount)
            for _ in 0..<stepCount { steps.append(try step(&r)) }
            let present = try r.flags("fields", allowed: Field.all)
            let owner = try r.optionalString(present & Field.owner != 0)
            let route = try r.optionalString(present & Field.route != 0)
            let pool = try r.optionalString(present & Field.pool != 0)
            let duplicateOf = try r.optionalString(present & Field.duplicateOf != 0)
            let account = try r.optionalString(present & Field.account != 0)
            var exceptions: [ExceptionNote] = []
            for _ in 0..<(try r.count()) {
                let reason = try r.tag("exception reason", DecisionCodeTags.exceptionReason)
                exceptions.append(ExceptionNote(reason, try r.string()))
            }
            var inputs: DecisionInputs?
            if present & Field.inputs != 0 {
                var decoded = DecisionInputs()
                for _ in 0..<(try r.count()) {
                    let pool = try r.string()
                    let cursor = try r.int()
                    let assigned = try ints(&r)
                    decoded.append(PoolInput(pool: pool, cursor: cursor, assigned: assigned, excused: try ints(&r)))
                }
                inputs = decoded
            }
            guard r.remaining == 0 else { throw .trailingBytes(r.remaining) }
            return Decision(
                leadId: leadId, rulebookVersion: rulebookVersion, decidedAt: decidedAt, owner: owner, route: route, pool: pool,
                exceptions: exceptions, duplicateOf: duplicateOf, account: account, trace: Trace(steps: steps), inputs: inputs)
        }
    }

    /// As `decode`, asking `wordsOf` (a store's lookup) for the words of `rulebookVersion` only when the
    /// record is coded with them.
    public static func decode(
        _ bytes: some ContiguousBytes, leadId: String, rulebookVersion: String, wordsOf: (String) -> DecisionWords?
    ) throws -> Decision {
        let coded = bytes.withUnsafeBytes { $0.first } == wordsFormat
        return try decode(bytes, leadId: leadId, rulebookVersion: rulebookVersion, words: coded ? wordsOf(rulebookVersion) : nil)
    }

    private static func ints(_ r: inout CodeReader) throws(DecisionCodeError) -> [Int] {
        let n = try r.count()
        var out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try r.int()) }
        return out
    }

    private static func step(_ r: inout CodeReader) throws(DecisionCodeError) -> TraceStep {
        switch try r.tag("trace step", DecisionCodeTags.Step.init(rawValue:)) {
        case .unreadable:
            var problems: [FieldProblem] = []
            for _ in 0..<(try r.count()) {
                let field = try r.string(), value = try r.string()
                problems.append(FieldProblem(field: field, value: value, message: try r.string()))
            }
            return .unreadable(problems)
        case .notReady:
            let reason = try r.tag("exception reason", DecisionCodeTags.exceptionReason)
            return .notReady(reason, detail: try r.string())
        case .duplicate:
            let of = try r.string(), key = try r.string()
            return .duplicate(of: of, key: key, ignored: try r.bool())
        case .account:
            let domain = try r.string(), name = try r.string()
            return .account(domain: domain, name: name, owner: try r.optionalString(try r.bool()))
        case .route:
            let name = try r.string()
            var because: [MatchFact] = []
            for _ in 0..<(try r.count()) { because.append(try fact(&r)) }
            return .route(name: name, because: because, mode: try r.tag("route mode", DecisionCodeTags.mode))
        case .noRoute:
            return .noRoute(tried: try r.int())
        case .misses:
            var misses: [RouteMiss] = []
            for _ in 0..<(try r.count()) {
                let route = try r.string()
                misses.append(RouteMiss(route: route, why: try r.string()))
            }
            return .misses(misses)
        case .fallbackPool:
            return .fallbackPool(try r.string())
        case .handover:
            let from = try r.string(), to = try r.string()
            return .handover(from: from, to: to, because: try r.string())
        case .pool:
            let name = try r.string()
            let method = try r.tag("distribution method", DecisionCodeTags.method)
            var candidates: [Candidate] = []
            let count = try r.count()
            candidates.reserveCapacity(count)
            for _ in 0..<count { candidates.append(try candidate(&r)) }
            return .pool(name: name, method: method, candidates: CandidateList(candidates))
        }
    }

    private static func fact(_ r: inout CodeReader) throws(DecisionCodeError) -> MatchFact {
        let field = try r.string()
        let shapeAt = r.offset
        let shape = try r.flags("match fact", allowed: Fact.all)
        guard shape & Fact.flag != 0 || shape & Fact.flagValue == 0 else { throw .unknownTag("match fact", shape, at: shapeAt) }
        let text = try r.optionalString(shape & Fact.text != 0)
        var number: Double?
        if shape & Fact.number != 0 { number = try r.double() }
        let flag = shape & Fact.flag != 0 ? shape & Fact.flagValue != 0 : nil
        return MatchFact(field: field, text: text, number: number, flag: flag, test: try r.optionalString(shape & Fact.test != 0))
    }

    private static func candidate(_ r: inout CodeReader) throws(DecisionCodeError) -> Candidate {
        typealias Tag = DecisionCodeTags.Pass
        let owner = try r.string()
        let open = try r.int()
        let shapeAt = r.offset
        let shape = try r.flags("candidate", allowed: DecisionCodeTags.passMask | DecisionCodeTags.candidateHasCapacity)
        guard let tag = Tag(rawValue: shape & DecisionCodeTags.passMask) else { throw .unknownTag("candidate", shape, at: shapeAt) }
        var capacity: Int?
        if shape & DecisionCodeTags.candidateHasCapacity != 0 { capacity = try r.int() }
        let reason: PassReason?
        switch tag {
        case .chosen: reason = nil
        case .inactive: reason = .inactive
        case .outOfOffice: reason = .outOfOffice(until: try r.string())
        case .holiday:
            let name = try r.string()
            reason = .holiday(name: name, day: try r.string())
        case .paused: reason = .paused(text: try r.string())
        case .offHours:
            let local = try r.string()
            reason = .offHours(local: local, zone: try r.string())
        case .atCapacity:
            let open = try r.int()
            reason = .atCapacity(open: open, capacity: try r.int())
        case .atOwnCapacity:
            // Written only for a candidate with a capacity.
            guard let capacity else { throw .unknownTag("candidate", shape, at: shapeAt) }
            reason = .atCapacity(open: open, capacity: capacity)
        case .notNextInTurn: reason = .notNextInTurn
        case .aheadOfShare:
            let assigned = try r.int()
            reason = .aheadOfShare(assigned: assigned, weight: try r.int())
        case .higherLoad: reason = .higherLoad(open: try r.int(), capacity: nil)
        case .higherLoadWithCapacity:
            let open = try r.int()
            reason = .higherLoad(open: open, capacity: try r.int())
        case .higherOwnLoad: reason = .higherLoad(open: open, capacity: capacity)
        case .tiedLaterInOrder: reason = .tiedLaterInOrder
        case .previousOwner: reason = .previousOwner
        }
        return Candidate(owner: owner, open: open, capacity: capacity, passedOver: reason)
    }
}
