import Foundation
import HandoffCore

/// An endless, seeded stream of realistic inbound leads: mostly clean, some from known accounts, and
/// dirty records and repeats at the rates real CRM traffic shows.
public struct LeadStream: Sendable {
    public struct Rates: Sendable {
        /// Same person again (same email) within the duplicate window.
        public var duplicate = 0.10
        /// From a known account's domain.
        public var knownAccount = 0.25
        public var freeMail = 0.03
        public var missingCompany = 0.02
        public var invalidEmail = 0.01
        public var unreadableNumber = 0.005
        public var bigRevenue = 0.01
        /// A form that never asked for the country: no route can place the lead.
        public var missingCountry = 0.0
        public init() {}

        /// The live demo's traffic: a governed team's inbox, where most leads are clean and each kind
        /// of trouble is a small, believable share.
        public static let demo: Rates = {
            var rates = Rates()
            rates.duplicate = 0.035
            rates.freeMail = 0.025
            rates.missingCompany = 0.012
            rates.invalidEmail = 0.004
            rates.bigRevenue = 0.012
            rates.missingCountry = 0.006
            return rates
        }()
    }

    private var rng: SeededRandom
    private let accounts: [Account]
    private let rates: Rates
    private var recentEmails: [String] = []
    private var serial = 0
    /// When the next lead arrives.
    public var clock: Date
    /// Mean seconds between leads.
    public var spacing: Double

    public init(seed: UInt64, accounts: [Account], start: Date, spacing: Double = 1, rates: Rates = Rates(), firstSerial: Int = 0) {
        rng = SeededRandom(seed: seed ^ 0xA5A5_5A5A)
        self.accounts = accounts
        self.rates = rates
        clock = start
        self.spacing = spacing
        serial = firstSerial
    }

    private static let totalWeight = Vocabulary.countries.reduce(0) { $0 + $1.weight }

    public mutating func next() -> Lead {
        serial += 1
        clock = clock.addingTimeInterval(spacing * Double.random(in: 0.2...1.8, using: &rng))
        var country = Vocabulary.countries[0]
        var roll = Int.random(in: 0..<Self.totalWeight, using: &rng)
        for c in Vocabulary.countries {
            roll -= c.weight
            if roll < 0 { country = c; break }
        }
        let first = rng.pick(Vocabulary.firstNames), last = rng.pick(Vocabulary.lastNames)
        // Mailboxes are ASCII in practice: "Zoé Müller" writes as zoe.muller@.
        let local = "\(first).\(last)".folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "ł", with: "l")
        var company: String?
        var domain: String
        if !accounts.isEmpty, rng.chance(rates.knownAccount) {
            let account = rng.pick(accounts)
            company = account.name
            domain = account.domain
        } else {
            let stem = rng.pick(Vocabulary.companyStems)
            company = "\(stem) \(rng.pick(Vocabulary.companySuffixes))"
            domain = "\(stem.lowercased().replacingOccurrences(of: " ", with: ""))-\(Int.random(in: 1...99_999, using: &rng)).\(country.tld)"
        }
        var email: String? = "\(local)@\(domain)"
        if rng.chance(rates.freeMail) { email = "\(local)\(Int.random(in: 1...99, using: &rng))@\(rng.pick(Vocabulary.freeMail))" }
        if rng.chance(rates.duplicate), let again = recentEmails.isEmpty ? nil : rng.pick(recentEmails) { email = again }
        if rng.chance(rates.invalidEmail) { email = email?.replacingOccurrences(of: "@", with: " at ") }
        if rng.chance(rates.missingCompany) { company = rng.chance(0.5) ? nil : " " }
        if let email, recentEmails.count < 5_000 { recentEmails.append(email) } else if let email { recentEmails[serial % 5_000] = email }

        let size = Int(exp(Double.random(in: 0...log(50_000.0), using: &rng)))
        var employees = rng.chance(0.2) ? NumberText.grouped(Double(size)) : String(size)
        if rng.chance(rates.unreadableNumber) { employees = rng.pick(["lots", "n/a", "big"]) }
        let revenue: String? = rng.chance(rates.bigRevenue) ? "$\(Int.random(in: 1...40, using: &rng))bn"
            : rng.chance(0.4) ? String(size * Int.random(in: 50_000...250_000, using: &rng)) : nil
        var spelling: String? = Vocabulary.countrySpellings[country.code].map { rng.chance(0.7) ? country.code : rng.pick($0) } ?? country.code
        // Drawn only when the rate is set, so streams without it stay as they were.
        if rates.missingCountry > 0, rng.chance(rates.missingCountry) { spelling = nil }

        return Lead(
            id: String(format: "L-%07d", serial), externalId: "crm-\(serial)", source: rng.pick(Vocabulary.sources),
            receivedAt: clock, email: email, firstName: first, lastName: last, title: rng.pick(Vocabulary.titles),
            company: company, website: rng.chance(0.6) ? "https://www.\(domain)/" : nil, country: spelling,
            employees: employees, annualRevenue: revenue, industry: rng.pick(Vocabulary.industries)
        )
    }
}
