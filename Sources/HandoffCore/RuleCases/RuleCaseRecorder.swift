import Foundation

/// Writes stored decisions as rulebook tests: each decision's inputs as recorded (the lead, the moment,
/// the open loads, accounts, earlier lead, pool turns and ledger, who was paused or away) become the
/// case's circumstances, and its outcome the expectations. Run against the rulebook that made them, the
/// cases pass; run against a draft, the failures are exactly the decisions the draft would change.
public enum RuleCaseRecorder {
    /// A stored decision and what the store knew around it.
    public struct Recorded: Sendable {
        public var lead: Lead
        public var decision: Decision
        /// The earlier lead the decision named as duplicated, when there is one.
        public var earlier: Lead?
        /// Owners paused by an operator when it was made.
        public var paused: [String: PauseGiven]
        /// Out-of-office windows set by operators (beyond the rulebook's) in force when it was made.
        public var away: [String: AwayDays]

        public init(lead: Lead, decision: Decision, earlier: Lead? = nil, paused: [String: PauseGiven] = [:], away: [String: AwayDays] = [:]) {
            self.lead = lead
            self.decision = decision
            self.earlier = earlier
            self.paused = paused
            self.away = away
        }
    }

    /// The test file's text. `rulebook` is the one the decisions are pinned against: pools are read
    /// from it to name each member's place in the recorded ledger.
    public static func yaml(_ recorded: [Recorded], rulebook: Rulebook, header: [String] = []) -> String {
        var out = header.map { "# " + $0 }
        out.append("cases:")
        for r in recorded { out += lines(r, rulebook: rulebook) }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ r: Recorded, rulebook: Rulebook) -> [String] {
        let d = r.decision
        var out = ["  - name: " + quoted(r.lead.id + " as decided at " + moment(d.decidedAt))]
        out.append("    at: " + moment(d.decidedAt))
        out.append("    lead: " + leadMapping(r.lead, at: d.decidedAt))
        var given: [String] = []
        var loads: [(String, Int)] = []
        var accounts: [String] = []
        for step in d.trace.steps {
            switch step {
            case .pool(_, _, let candidates):
                for c in candidates where !loads.contains(where: { $0.0 == c.owner }) { loads.append((c.owner, c.open)) }
            case .account(let domain, let name, let owner):
                accounts.append("{domain: \(quoted(domain)), name: \(quoted(name))" + (owner.map { ", owner: \(quoted($0))" } ?? "") + "}")
            default: break
            }
        }
        let busy = loads.filter { $0.1 > 0 }
        if !busy.isEmpty { given.append("      load: {" + busy.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}") }
        if !r.paused.isEmpty {
            given.append("      paused: {" + r.paused.sorted { $0.key < $1.key }.map {
                "\(quoted($0.key)): {reason: \(quoted($0.value.reason)), by: \(quoted($0.value.by))}"
            }.joined(separator: ", ") + "}")
        }
        if !r.away.isEmpty {
            given.append("      away: {" + r.away.sorted { $0.key < $1.key }.map {
                "\(quoted($0.key)): \(quoted($0.value.from.dateText + ".." + $0.value.until.dateText))"
            }.joined(separator: ", ") + "}")
        }
        if !accounts.isEmpty { given.append("      accounts: [" + accounts.joined(separator: ", ") + "]") }
        if let earlier = r.earlier {
            given.append("      earlier:")
            given.append("        - " + leadMapping(earlier, at: earlier.receivedAt, extra: "at: " + moment(earlier.receivedAt)))
        }
        var pools: [String] = []
        for input in d.inputs?.pools ?? [] {
            guard let p = rulebook.poolIndex[input.pool] else { continue }
            let members = rulebook.poolMembers[p].map { rulebook.owners[$0].id }
            guard members.count == input.assigned.count else { continue }
            var parts: [String] = []
            if !members.isEmpty { parts.append("turn: " + quoted(members[input.cursor % members.count])) }
            let given = zip(members, input.assigned).filter { $0.1 != 0 }
            if !given.isEmpty { parts.append("given: {" + given.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}") }
            let forgiven = zip(members, input.excused).filter { $0.1 != 0 }
            if !forgiven.isEmpty { parts.append("forgiven: {" + forgiven.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}") }
            pools.append("        \(quoted(input.pool)): {" + parts.joined(separator: ", ") + "}")
        }
        if !pools.isEmpty { given.append("      pools:"); given += pools }
        if !given.isEmpty { out.append("    given:"); out += given }
        let expect = [
            "route: " + (d.route.map(quoted) ?? "none"),
            "pool: " + (d.pool.map(quoted) ?? "none"),
            "owner: " + (d.owner.map(quoted) ?? "none"),
            "exception: " + (d.reason?.code ?? "none"),
        ]
        out.append("    expect: {" + expect.joined(separator: ", ") + "}")
        return out
    }

    /// The lead's fields as a flow mapping, every value quoted: a CRM's text never changes meaning in YAML.
    static func leadMapping(_ lead: Lead, at: Date, extra: String? = nil) -> String {
        let f = lead.fields
        var parts: [String] = ["id: " + quoted(f.id)]
        if f.receivedAt != at { parts.append("received_at: " + moment(f.receivedAt)) }
        let named: [(String, String?)] = [
            ("external_id", f.externalId), ("source", f.source), ("email", f.email), ("first_name", f.firstName),
            ("last_name", f.lastName), ("title", f.title), ("company", f.company), ("website", f.website), ("phone", f.phone),
            ("country", f.country), ("region", f.region), ("postal_code", f.postalCode), ("timezone", f.timezone),
            ("employees", f.employees), ("annual_revenue", f.annualRevenue), ("industry", f.industry), ("score", f.score),
        ]
        for (name, value) in named { if let value { parts.append("\(name): " + quoted(value)) } }
        if !f.attributes.isEmpty {
            parts.append("attributes: {" + f.attributes.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \(quoted($0.value))" }.joined(separator: ", ") + "}")
        }
        if let extra { parts.append(extra) }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// UTC, as MomentText reads it: whole seconds, or the exact fraction a live clock gave (Swift prints
    /// a Double's shortest text that reads back as the same Double).
    static func moment(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let seconds = Int(t.rounded(.down))
        let local = LocalTime(secondsSinceEpoch: seconds)
        let s = seconds - local.daysSinceEpoch * 86_400
        var text = local.dateText + "T" + String(format: "%02d:%02d:%02d", s / 3_600, s / 60 % 60, s % 60)
        if t != t.rounded(.down), t > 0, let dot = "\(t)".firstIndex(of: ".") { text += "\(t)"[dot...] }
        return text + "Z"
    }

    /// A YAML double-quoted scalar: backslash, quote and every control character escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += String(format: "\\x%02X", scalar.value)
                } else if scalar == "\u{FEFF}" || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
