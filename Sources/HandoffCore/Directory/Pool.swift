/// How a pool picks one of its members.
public enum DistributionMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// In turn, skipping members who cannot take a lead now.
    case roundRobin = "round_robin"
    /// In proportion to each member's weight, over time.
    case weighted
    /// The member with the lowest open load relative to capacity.
    case loadBalanced = "load_balanced"
    /// The matched account's owner; otherwise the fallback pool.
    case accountOwner = "account_owner"
}

/// A named set of owners and the way leads are shared among them.
public struct Pool: Sendable, Hashable {
    public var name: String
    public var method: DistributionMethod
    /// Owner ids, in the order ties are broken.
    public var members: [String]
    /// For `account_owner`: where a lead goes when its account has no available owner.
    public var fallbackPool: String?

    public init(name: String, method: DistributionMethod, members: [String] = [], fallbackPool: String? = nil) {
        self.name = name
        self.method = method
        self.members = members
        self.fallbackPool = fallbackPool
    }
}
