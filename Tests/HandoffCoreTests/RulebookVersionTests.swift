import Testing
import HandoffCore

@Suite struct RulebookVersionTests {
    let original = """
        version: 1
        name: Acme
        owners:
          - {id: ana, hours: "Mon-Fri 09:00-17:00", capacity: 40}
        pools:
          main: {method: round_robin, members: [ana]}
        routes:
          - {name: de, when: {country: DE}, pool: main}
        fallback: {flag: no_route}
        """

    func version(_ yaml: String) -> String? {
        let r = RulebookLoader.load(yaml: yaml, file: "r.yaml")
        #expect(r.errors.isEmpty, "\(r.errors)")
        return r.rulebook?.version
    }

    @Test func stableUnderCommentsOrderQuotingAndLayout() throws {
        let base = try #require(version(original))
        let rewritten = """
            # Acme's routing rules
            name: "Acme"          # shown in the console
            version: 1
            fallback:
              flag: 'no_route'
            pools:
              main:
                members: [ana]
                method: round_robin
            owners:
              - capacity: 40
                hours: Mon-Fri 09:00-17:00
                id: ana
            routes:
              - pool: main
                name: de
                when:
                  country: DE
            """
        #expect(version(rewritten) == base)
        #expect(base.count == 12)
    }

    @Test func changesWithAnyValue() throws {
        let base = try #require(version(original))
        for (old, new) in [("capacity: 40", "capacity: 41"), ("09:00-17:00", "09:00-17:30"), ("country: DE", "country: FR"),
                           ("name: Acme", "name: Acme EU"), ("members: [ana]", "members: [ana, ana2]")] {
            var changed = original.replacingOccurrences(of: old, with: new)
            if new.contains("ana2") { changed = changed.replacingOccurrences(of: "owners:\n", with: "owners:\n  - {id: ana2}\n") }
            #expect(version(changed) != base, "\(new)")
        }
    }

    @Test func listOrderMatters() throws {
        let de = "  - {name: de, when: {country: DE}, pool: main}\n"
        let fr = "  - {name: fr, when: {country: FR}, pool: main}\n"
        let deFirst = try #require(version(original.replacingOccurrences(of: de, with: de + fr)))
        let frFirst = try #require(version(original.replacingOccurrences(of: de, with: fr + de)))
        #expect(deFirst != frFirst)
    }
}
