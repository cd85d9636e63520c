/// A known company, matched to leads by domain.
public struct Account: Sendable, Hashable, Codable {
    /// Lower-case registrable domain, e.g. `acme.com`.
    public var domain: String
    public var name: String
    /// Owner id of the account owner, if any.
    public var owner: String?

    public init(domain: String, name: String, owner: String? = nil) {
        self.domain = domain
        self.name = name
        self.owner = owner
    }
}

/// Known accounts by domain, for lead-to-account matching.
public struct AccountDirectory: Sendable {
    private var byDomain: [String: Account]

    public init(_ accounts: [Account] = []) {
        byDomain = Dictionary(accounts.map { (Normalizer.domain($0.domain) ?? $0.domain, $0) }, uniquingKeysWith: { _, last in last })
    }

    public var count: Int { byDomain.count }

    public func account(forDomain domain: String) -> Account? { byDomain[domain] }

    public mutating func insert(_ account: Account) {
        byDomain[Normalizer.domain(account.domain) ?? account.domain] = account
    }
}
