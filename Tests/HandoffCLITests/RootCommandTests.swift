import Testing

@Suite struct RootCommandTests {
    @Test func versionIsPrinted() throws {
        let result = try HandoffBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func helpListsSubcommandsAndExitCodes() throws {
        let result = try HandoffBinary.run(["--help"])
        #expect(result.status == 0)
        for text in [
            "init", "rules check", "route", "leads", "show", "explain", "approve", "reassign", "annotate", "disqualify",
            "accept", "retry", "owners", "log", "doctor", "audit", "quarantine", "demo",
            "Exit codes:", "64", "HANDOFF_DB", "HANDOFF_RULES", "HANDOFF_OPERATOR", "HANDOFF_NOW", "NO_COLOR",
        ] {
            #expect(result.stdout.contains(text), "help lacks \(text)")
        }
    }
}
