import Foundation
import HandoffCore

/// A lead's fields for people: each as received, and beside it how the router read it where that
/// differs (an ISO country code, a number, a domain, a value it could not read).
public enum LeadFieldsText {
    public struct Row: Sendable, Hashable {
        /// The snake_case name rulebooks use.
        public var field: String
        /// As received; nil when the source gave nothing.
        public var raw: String?
        /// The router's reading, only when it differs from `raw`.
        public var normalized: String?
    }

    /// Every canonical field in rulebook order, then attributes by name; fields never given are left out
    /// unless `all` is set.
    public static func rows(_ lead: Lead, all: Bool = false) -> [Row] {
        let n = Normalizer.normalize(lead)
        let problems = Dictionary(n.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func text(_ field: String, _ raw: String?, _ read: String? = nil) -> Row {
            guard let raw else { return Row(field: field, raw: nil, normalized: nil) }
            if Normalizer.text(raw) == nil { return Row(field: field, raw: raw, normalized: "blank, treated as missing") }
            return Row(field: field, raw: raw, normalized: read == nil || read == raw ? nil : read)
        }
        func number(_ field: String, _ raw: String?, _ value: Double?) -> Row {
            if let raw, let message = problems[field] { return Row(field: field, raw: raw, normalized: "\(message), treated as missing") }
            return text(field, raw, value.map(NumberText.grouped))
        }
        var rows = [
            text("external_id", lead.externalId),
            text("source", lead.source),
            Row(field: "received_at", raw: InstantText.format(lead.receivedAt), normalized: nil),
            text("email", lead.email, n.email),
            text("first_name", lead.firstName),
            text("last_name", lead.lastName),
            text("title", lead.title),
            text("company", lead.company),
            text("website", lead.website, n.websiteDomain),
            text("phone", lead.phone),
            text("country", lead.country, n.country),
            text("region", lead.region),
            text("postal_code", lead.postalCode),
            text("timezone", lead.timezone),
            number("employees", lead.employees, n.employees),
            number("annual_revenue", lead.annualRevenue, n.annualRevenue),
            text("industry", lead.industry),
            number("score", lead.score, n.score),
        ]
        rows += lead.attributes.sorted { $0.key < $1.key }.map { text("attributes." + $0.key, $0.value) }
        return all ? rows : rows.filter { $0.raw != nil }
    }
}
