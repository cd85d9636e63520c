import Foundation
import HandoffCore

/// Known accounts for a demo rulebook: real-looking companies owned by that rulebook's own owners,
/// so leads from them take the account-owner path. Same seed, same accounts.
public enum DemoAccounts {
    /// - Parameters:
    ///   - ownerIds: who may own an account; with none, every account is unowned.
    ///   - count: at most one account per company name the vocabulary can make (several hundred).
    ///   - ownedShare: the rest have no owner, which sends their leads to the account pool's fallback.
    public static func generate(seed: UInt64, ownerIds: [String], count: Int = 200, ownedShare: Double = 0.85) -> [Account] {
        var rng = SeededRandom(seed: seed ^ 0x0ACC_0047)
        var names: [(stem: String, suffix: String)] = []
        for stem in Vocabulary.companyStems {
            for suffix in Vocabulary.companySuffixes { names.append((stem, suffix)) }
        }
        names.shuffle(using: &rng)
        return names.prefix(max(count, 0)).map { name in
            let tld = rng.pick(Vocabulary.countries).tld
            let owner = !ownerIds.isEmpty && rng.chance(ownedShare) ? rng.pick(ownerIds) : nil
            return Account(domain: "\(slug(name.stem))-\(slug(name.suffix)).\(tld)", name: "\(name.stem) \(name.suffix)", owner: owner)
        }
    }

    private static func slug(_ words: String) -> String {
        words.lowercased().replacingOccurrences(of: " ", with: "")
    }
}
