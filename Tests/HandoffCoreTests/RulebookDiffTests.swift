import Foundation
import Testing
@testable import HandoffCore
import HandoffDemo

@Suite struct RulebookDiffTests {
    static func load(_ yaml: String) -> Rulebook { RulebookLoader.load(yaml: yaml, file: "r.yaml").rulebook! }
    static let example = ExampleRulebook.yaml

    @Test func theSameRulebookHasNoDifferences() {
        #expect(RulebookDiff.lines(from: Self.load(Self.example), to: Self.load(Self.example)).isEmpty)
    }

    @Test func changesAreNamedInTheRulebooksTerms() {
        var edited = Self.example
        edited = edited.replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
        edited = edited.replacingOccurrences(of: "{method: round_robin,   members: [dan, eve]}", with: "{method: load_balanced, members: [eve]}")
        edited = edited.replacingOccurrences(of: "accept_within: 30m", with: "accept_within: 45m")
        let lines = RulebookDiff.lines(from: Self.load(Self.example), to: Self.load(edited))
        #expect(lines == [
            "route enterprise-emea: when country in [DE, FR, GB, NL, ES, IT] and employees >= 1000 -> country in [DE, FR, GB, NL, ES, IT] and employees >= 500",
            "pool na-smb: method round_robin -> load_balanced; members -dan",
            "sla: accept_within 30m, on_breach reroute -> accept_within 45m, on_breach reroute",
        ])
    }

    @Test func addedRemovedAndReorderedRoutes() {
        var old = Self.load(Self.example)
        var new = old
        new.routes.swapAt(1, 3)
        new.routes.removeLast()
        old.routes.append(Route(name: "gone", when: .always, pool: "na-smb"))
        let lines = RulebookDiff.lines(from: old, to: new)
        #expect(lines.contains("route gone: removed"))
        #expect(lines.contains("routes reordered: named-account, enterprise-emea, strategic-review -> named-account, na-smb, strategic-review") || lines.contains { $0.hasPrefix("routes reordered:") })
    }
}
