import Testing
@testable import HandoffConsole

/// A theme file is read under the same YAML budget as a rulebook: aliases that expand without end are
/// refused with their position instead of being walked.
@Suite struct ThemeAliasTests {
    @Test func aliasExpansionIsRefused() {
        var yaml = "name: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let load = ThemeLoader.load(yaml: yaml, file: "Themes/bomb.yaml")
        #expect(load.theme == nil)
        #expect(load.problems.count == 1, "\(load.problems)")
        #expect(load.problems.first?.message.contains("more than 200,000 values once its aliases (*name) are expanded") == true)
        #expect((load.problems.first?.line ?? 0) >= 2)
    }
}
