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
    /// Looked up for nearly every lead, twice for some: a table hashed for short keys.
    private var byDomain: StringTable<Account>

    public init(_ accounts: [Account] = []) {
        byDomain = StringTable(minimumCapacity: accounts.count)
        // A later account for the same domain replaces an earlier one.
        for account in accounts { byDomain.set(account, for: Normalizer.domain(account.domain) ?? account.domain) }
    }

    public var count: Int { byDomain.count }

    public func account(forDomain domain: String) -> Account? { byDomain.value(for: domain) }

    public mutating func insert(_ account: Account) {
        byDomain.set(account, for: Normalizer.domain(account.domain) ?? account.domain)
    }
}
