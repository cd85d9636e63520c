import Foundation
import Synchronization
import Yams

/// Reads a rulebook's test file: every case, and every problem in the file with its line and column.
///
///     at: 2026-11-24 10:00 Europe/Berlin          # the default moment of every case
///     cases:
///       - name: a German enterprise lead goes to the EMEA team
///         lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}
///         expect: {route: enterprise-emea, owner: [ana, ben, chloe]}
///
/// Names of owners, pools and routes are checked when the cases run, against the rulebook they run
/// with, so a rulebook change that removes an owner fails the cases that name it.
public enum RuleCaseLoader {
    /// Reads the whole file, or a long one in parts side by side (`parallelism` at most; the processors
    /// by default). Parts are only a shortcut: when any part has a problem, or two parts name a case
    /// alike, the whole file is read again as one, so problems are reported exactly as they always are.
    public static func load(yaml: String, file: String, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) -> RuleCaseLoad {
        if let split = CaseFileParts(yaml, maximum: min(parallelism, 8)), let load = loadInParts(split, file: file) {
            return load
        }
        return loadWhole(yaml, file: file, firstCase: 1)
    }

    static func loadInParts(_ split: CaseFileParts, file: String) -> RuleCaseLoad? {
        let parts = split.parts
        let loads = Mutex<[RuleCaseLoad?]>(Array(repeating: nil, count: parts.count))
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            let load = loadWhole(parts[k].text, file: file, firstCase: parts[k].firstCase)
            loads.withLock { $0[k] = load }
        }
        var cases: [RuleCase] = []
        var names = Set<String>()
        for load in loads.withLock({ $0 }) {
            guard let load, load.diagnostics.isEmpty, !load.cases.isEmpty else { return nil }
            for c in load.cases {
                guard names.insert(c.name).inserted else { return nil }
            }
            cases += load.cases
        }
        return RuleCaseLoad(cases: cases, diagnostics: [])
    }

    private static func loadWhole(_ yaml: String, file: String, firstCase: Int) -> RuleCaseLoad {
        var duplicates = DuplicateKeys()
        let root: Node
        do {
            // Every scalar is read as text (counts are parsed here): resolving each one's type runs a
            // regular expression per YAML rule, most of the cost of reading a long file of cases.
            guard let node = try duplicates.compose(yaml, resolver: .basic) else {
                return RuleCaseLoad(cases: [], diagnostics: [Diagnostic(severity: .error, file: file, line: 1, column: 1, message: "the file is empty; it needs 'cases:' with at least one case")])
            }
            root = node
        } catch let error as YamlError {
            let (message, spot) = RulebookLoader.describe(error, yaml)
            return RuleCaseLoad(cases: [], diagnostics: [Diagnostic(severity: .error, file: file, line: spot.line, column: spot.column, message: message)])
        } catch {
            return RuleCaseLoad(cases: [], diagnostics: [Diagnostic(severity: .error, file: file, line: 1, column: 1, message: "cannot read the file as YAML: \(error)")])
        }
        var reader = RulebookReader(file: file, duplicates: duplicates)
        let cases = reader.readCases(root, firstCase: firstCase)
        reader.reportUnreachedDuplicates()
        return RuleCaseLoad(cases: reader.log.hasErrors ? [] : cases, diagnostics: reader.log.sorted)
    }

    /// The test file that sits beside a rulebook: `rulebook.yaml` -> `rulebook.tests.yaml`.
    public static func companion(ofRulebook path: String) -> String {
        let name = path as NSString
        let ext = name.pathExtension.isEmpty ? "yaml" : name.pathExtension
        return name.deletingPathExtension + ".tests." + ext
    }
}

/// The cases of a test file (none when it has any error) and its problems, in file order.
public struct RuleCaseLoad: Sendable {
    public var cases: [RuleCase]
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

extension RulebookReader {
    static let caseFileKeys = ["at", "cases"]
    static let caseKeys = ["name", "lead", "at", "given", "expect"]
    static let givenKeys = ["load", "paused", "away", "accounts", "earlier", "pools"]
    static let expectKeys = ["route", "pool", "owner", "exception", "mode"]
    static let caseExample = "{name: German enterprise, lead: {country: DE, employees: 4200}, expect: {route: enterprise-emea}}"
    /// Lead fields a case can give: every field a person fills in, as the rulebook names them.
    /// `id` and `received_at` are optional: a recorded case keeps the stored lead's, so its decision can
    /// be compared with the stored one to the letter.
    static let caseLeadKeys: [String] = ["id", "received_at"] + LeadField.named.filter { $0.isInput && $0 != .emailDomain }.map(\.name) + ["website", "attributes"]
    private static let caseLeadKeySet = Set(caseLeadKeys)

    /// `firstCase`: the number of the first case, when the text is a part of a longer file.
    mutating func readCases(_ root: Node, firstCase: Int = 1) -> [RuleCase] {
        guard let top = fields(root, "the test file", allowed: Self.caseFileKeys, example: "cases: [\(Self.caseExample)]") else { return [] }
        let defaultAt = top["at"].flatMap { moment($0, "at") }
        guard let node = required(top, "cases", "the test file", example: "cases: [\(Self.caseExample)]"),
              let items = list(node, "cases", example: "[\(Self.caseExample)]")
        else { return [] }
        if items.isEmpty { log.error("cases is empty; write at least one case, e.g. \(Self.caseExample)", at: node.spot) }
        var names: [String: Int] = [:]
        var out: [RuleCase] = []
        for (i, item) in items.enumerated() {
            // Names are checked even for a case with other errors, so every repeat is reported at once.
            if case .mapping(let m) = item, let key = m.keys.first(where: { $0.scalarText == "name" }), let name = m[key]?.scalarText {
                if let line = names[name] {
                    log.error("duplicate case name '\(name)'; it was first used on line \(line)", at: key.spot)
                } else {
                    names[name] = item.spot.line
                }
            }
            if let c = readCase(item, number: firstCase + i, defaultAt: defaultAt) { out.append(c) }
        }
        return out
    }

    private mutating func readCase(_ node: Node, number: Int, defaultAt: Date?) -> RuleCase? {
        guard let f = fields(node, "case \(number)", allowed: Self.caseKeys, example: Self.caseExample) else { return nil }
        let name = required(f, "name", "case \(number)", example: "name: German enterprise").flatMap { text($0, "case \(number) name") }
        let what = name.map { "case '\($0)'" } ?? "case \(number)"
        let at: Date?
        if let n = f["at"] {
            at = moment(n, "\(what) at")
        } else {
            at = defaultAt
            if defaultAt == nil { log.error("\(what) needs 'at' (or give a default 'at' at the top of the file), e.g. at: 2026-11-24 10:00 Europe/Berlin", at: f.node.spot) }
        }
        let lead = required(f, "lead", what, example: "lead: {email: anna@siemens.de, country: DE}").flatMap {
            caseLead($0, "\(what) lead", id: "case-\(number)", at: at ?? Date(timeIntervalSince1970: 0))
        }
        var given = Circumstances()
        if let n = f["given"] { given = circumstances(n, what, number: number, at: at) }
        let expectNode = required(f, "expect", what, example: "expect: {route: enterprise-emea, owner: ben}")
        let expect = expectNode.flatMap { expectations($0, what) }
        if let expect, let expectNode, expect.isEmpty, case .mapping(let m) = expectNode, m.isEmpty {
            log.error("\(what) expects nothing; give at least one of: " + Self.expectKeys.joined(separator: ", "), at: expectNode.spot)
        }
        guard let name, let at, let lead, let expect, !expect.isEmpty else { return nil }
        return RuleCase(name: name, line: node.spot.line, column: node.spot.column, lead: lead, at: at, given: given, expect: expect)
    }

    private mutating func moment(_ node: Node, _ what: String) -> Date? {
        guard let s = text(node, what) else { return nil }
        switch MomentText.parse(s, zones: &zones) {
        case .success(let date): return date
        case .failure(let problem):
            log.error("bad moment '\(s)' for \(what): \(problem)", at: node.spot)
            return nil
        }
    }

    private mutating func caseLead(_ node: Node, _ what: String, id: String, at: Date) -> Lead? {
        guard let entries = entries(node, what, example: "{email: anna@siemens.de, company: Siemens, country: DE}") else { return nil }
        var fields = Lead.Fields(id: id, receivedAt: at)
        var ok = true
        for entry in entries {
            if entry.key == "attributes" {
                guard let attributes = self.entries(entry.value, "\(what) attributes", example: "{segment: enterprise}") else { ok = false; continue }
                for a in attributes {
                    if let value = leadValue(a.value, "\(what) attributes.\(a.key)") { fields.attributes[a.key] = value } else { ok = false }
                }
                continue
            }
            guard Self.caseLeadKeySet.contains(entry.key) || entry.key.hasPrefix("attributes.") else {
                log.error("unknown lead field '\(entry.key)' in \(what)" + Suggestion.hint(for: entry.key, in: Self.caseLeadKeys, listAll: false), at: entry.keyNode.spot)
                ok = false
                continue
            }
            if entry.key == "received_at" {
                if let when = moment(entry.value, "\(what) received_at") { fields.receivedAt = when } else { ok = false }
                continue
            }
            if entry.value.isNull { continue }
            guard let value = leadValue(entry.value, "\(what) \(entry.key)") else { ok = false; continue }
            if entry.key == "id" { fields.id = value } else { Self.set(entry.key, value, on: &fields) }
        }
        return ok ? Lead(fields: fields) : nil
    }

    /// A lead's value exactly as written: empty text is a value a CRM sends, unlike a mapping or a list.
    private mutating func leadValue(_ node: Node, _ what: String) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        log.error("\(what) must be a single value; found \(node.shapeText)", at: node.spot)
        return nil
    }

    /// Puts a value under its rulebook field name (`website` and `website_domain` both fill the website).
    static func set(_ name: String, _ value: String, on fields: inout Lead.Fields) {
        switch LeadField(name: name) ?? (name == "website" ? .websiteDomain : nil) {
        case .externalId?: fields.externalId = value
        case .source?: fields.source = value
        case .email?: fields.email = value
        case .firstName?: fields.firstName = value
        case .lastName?: fields.lastName = value
        case .title?: fields.title = value
        case .company?: fields.company = value
        case .websiteDomain?: fields.website = value
        case .phone?: fields.phone = value
        case .country?: fields.country = value
        case .region?: fields.region = value
        case .postalCode?: fields.postalCode = value
        case .timezone?: fields.timezone = value
        case .employees?: fields.employees = value
        case .annualRevenue?: fields.annualRevenue = value
        case .industry?: fields.industry = value
        case .score?: fields.score = value
        case .attribute(let key)?: fields.attributes[key] = value
        default: break
        }
    }

    private mutating func circumstances(_ node: Node, _ what: String, number: Int, at: Date?) -> Circumstances {
        var given = Circumstances()
        guard let f = fields(node, "\(what) given", allowed: Self.givenKeys, example: "{load: {ben: 30}, paused: [ana]}") else { return given }
        if let n = f["load"], let loads = entries(n, "\(what) given load", example: "{ben: 30}") {
            for e in loads { if let v = count(e.value, "\(what) load of \(e.key)") { given.load[e.key] = v } }
        }
        if let n = f["paused"] { given.paused = pauses(n, "\(what) given paused") }
        if let n = f["away"] {
            for (owner, text, spot) in ownerNotesWithSpots(n, "\(what) given away", example: "[chloe] or {chloe: 2026-12-20..2027-01-04}") {
                guard let text else { given.away[owner] = .some(nil); continue }
                if let days = awayDays(text) { given.away[owner] = days } else {
                    log.error("bad days '\(text)' for \(owner) in \(what) given away; write a date (2026-11-24) or a span (2026-12-20..2027-01-04)", at: spot)
                }
            }
        }
        if let n = f["accounts"], let items = list(n, "\(what) given accounts", example: "[{domain: siemens.de, name: Siemens, owner: ben}]") {
            for item in items {
                guard let a = fields(item, "an account in \(what)", allowed: ["domain", "name", "owner"], example: "{domain: siemens.de, name: Siemens, owner: ben}"),
                      let domain = required(a, "domain", "an account in \(what)", example: "domain: siemens.de").flatMap({ text($0, "account domain") })
                else { continue }
                let name = a["name"].flatMap { text($0, "account name") } ?? domain
                given.accounts.append(Account(domain: domain, name: name, owner: a["owner"].flatMap { text($0, "account owner") }))
            }
        }
        if let n = f["earlier"], let items = list(n, "\(what) given earlier", example: "[{email: anna@siemens.de, at: 2026-11-20T09:00:00Z}]") {
            for (k, item) in items.enumerated() {
                let label = "earlier lead \(k + 1) of \(what)"
                // An earlier lead is written like the case's lead, with its own `at`.
                guard case .mapping(var mapping) = item else {
                    log.error("\(label) must be a mapping of lead fields with 'at', e.g. {email: anna@siemens.de, at: 2026-11-20T09:00:00Z}; found \(item.shapeText)", at: item.spot)
                    continue
                }
                guard let atKey = mapping.keys.first(where: { $0.scalarText == "at" }), let atNode = mapping[atKey] else {
                    log.error("\(label) needs 'at', the moment it was received", at: item.spot)
                    continue
                }
                mapping[atKey] = nil
                guard let when = moment(atNode, "\(label) at") else { continue }
                if let at, when > at { log.error("\(label) is received after the case's lead; a duplicate is always of an earlier lead", at: atNode.spot); continue }
                if let lead = caseLead(.mapping(mapping), label, id: "case-\(number)-earlier-\(k + 1)", at: when) { given.earlier.append(lead) }
            }
        }
        if let n = f["pools"], let pools = entries(n, "\(what) given pools", example: "{na-smb: {turn: eve}}") {
            for e in pools {
                guard let p = fields(e.value, "pool \(e.key) in \(what)", allowed: ["turn", "given", "forgiven"], example: "{turn: eve, given: {dan: 10, eve: 9}}") else { continue }
                var pool = PoolGiven()
                pool.turn = p["turn"].flatMap { text($0, "turn of pool \(e.key)") }
                for (key, target) in [("given", \PoolGiven.given), ("forgiven", \PoolGiven.forgiven)] {
                    guard let n = p[key], let counts = entries(n, "\(key) of pool \(e.key)", example: "{dan: 10}") else { continue }
                    for c in counts { if let v = count(c.value, "\(key) of \(c.key) in pool \(e.key)") { pool[keyPath: target][c.key] = v } }
                }
                given.pools[e.key] = pool
            }
        }
        return given
    }

    private mutating func expectations(_ node: Node, _ what: String) -> Expectations? {
        guard let f = fields(node, "\(what) expect", allowed: Self.expectKeys, example: "{route: enterprise-emea, owner: ben}") else { return nil }
        var e = Expectations()
        if let n = f["route"], let s = text(n, "\(what) expected route") { e.route = s == "none" ? .nothing : .name(s) }
        if let n = f["pool"], let s = text(n, "\(what) expected pool") { e.pool = s == "none" ? .nothing : .name(s) }
        if let n = f["exception"], let s = text(n, "\(what) expected exception") {
            if s == "none" {
                e.exception = .nothing
            } else if ExceptionReason(rawValue: s) != nil {
                e.exception = .name(s)
            } else {
                log.error("unknown exception reason '\(s)' in \(what)" + Suggestion.hint(for: s, in: ["none"] + ExceptionReason.allCases.map(\.code)), at: n.spot)
            }
        }
        if let n = f["mode"] { e.mode = choice(n, "mode", in: what, [RouteMode.auto, .review]) }
        if let n = f["owner"] { e.owner = ownerExpectation(n, what) }
        return e
    }

    private mutating func ownerExpectation(_ node: Node, _ what: String) -> OwnerExpectation? {
        switch node {
        case .scalar:
            guard let s = text(node, "\(what) expected owner") else { return nil }
            return s == "none" ? .nobody : .oneOf([s])
        case .sequence(let items):
            let ids = items.compactMap { text($0, "\(what) expected owner") }
            if ids.isEmpty { log.error("\(what) expected owner is an empty list; name at least one owner", at: node.spot) }
            return ids.count == items.count && !ids.isEmpty ? .oneOf(ids) : nil
        default:
            guard let f = fields(node, "\(what) expected owner", allowed: ["not"], example: "{not: chloe}"),
                  let n = required(f, "not", "\(what) expected owner", example: "{not: chloe}")
            else { return nil }
            if case .sequence(let items) = n {
                let ids = items.compactMap { text($0, "\(what) owner it must not be") }
                return ids.count == items.count && !ids.isEmpty ? .noneOf(ids) : nil
            }
            return text(n, "\(what) owner it must not be").map { .noneOf([$0]) }
        }
    }

    /// A whole number of at least 0.
    private mutating func count(_ node: Node, _ what: String) -> Int? {
        if case .scalar(let s) = node, s.style == .plain, let n = Int(s.string), n >= 0, n <= 1_000_000_000 { return n }
        log.error("\(what) must be a whole number from 0 to 1000000000; found \(node.shapeText)", at: node.spot)
        return nil
    }

    /// `[ana]`, `{ana: workshop}` or `{ana: {reason: workshop, by: lena}}`.
    private mutating func pauses(_ node: Node, _ what: String) -> [String: PauseGiven] {
        let example = "[ana], {ana: workshop} or {ana: {reason: workshop, by: lena}}"
        var out: [String: PauseGiven] = [:]
        switch node {
        case .sequence(let items):
            for item in items { if let id = text(item, "an owner in \(what)") { out[id] = PauseGiven(reason: "") } }
        case .mapping:
            for e in entries(node, what, example: example) ?? [] {
                switch e.value {
                case .mapping:
                    guard let p = fields(e.value, "the pause of \(e.key) in \(what)", allowed: ["reason", "by"], example: "{reason: workshop, by: lena}") else { continue }
                    out[e.key] = PauseGiven(reason: p["reason"]?.scalarText ?? "", by: p["by"].flatMap { text($0, "who paused \(e.key)") } ?? "an operator")
                case .scalar(let scalar):
                    out[e.key] = PauseGiven(reason: e.value.isNull ? "" : scalar.string)
                default:
                    log.error("the pause of \(e.key) in \(what) must be a reason or {reason, by}; found \(e.value.shapeText)", at: e.value.spot)
                }
            }
        default:
            log.error("\(what) must be a list of owners or a mapping, e.g. \(example); found \(node.shapeText)", at: node.spot)
        }
        return out
    }

    private mutating func ownerNotesWithSpots(_ node: Node, _ what: String, example: String) -> [(String, String?, Spot)] {
        switch node {
        case .sequence(let items):
            return items.compactMap { item in text(item, "an owner in \(what)").map { ($0, nil, item.spot) } }
        case .mapping:
            guard let entries = entries(node, what, example: example) else { return [] }
            return entries.map { e in (e.key, e.value.isNull ? nil : e.value.scalarText, e.value.spot) }
        default:
            log.error("\(what) must be a list of owners or a mapping, e.g. \(example); found \(node.shapeText)", at: node.spot)
            return []
        }
    }

    private func awayDays(_ text: String) -> AwayDays? {
        let parts = text.components(separatedBy: "..").map(\.trimmingSpaces)
        guard (1...2).contains(parts.count), let from = CalendarDay(parts[0]), let until = CalendarDay(parts.last!), from <= until else { return nil }
        return AwayDays(from: from.start, until: until.start)
    }
}
