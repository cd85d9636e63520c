import Foundation
import Testing
@testable import HandoffConsole

/// The `keys:` section of the user config, and the key map it makes.
@Suite struct KeyConfigTests {
    @Test func bindsSeveralKeysPerActionAndTakesThemFromOtherActions() {
        let yaml = "keys:\n  down: [j, Down, Ctrl-N]\n  approve: y\n  next-tab: [\"]\"]\n"
        let (config, problems) = UserConfig.parse(yaml: yaml, file: "config.yaml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.keyOverrides == [
            KeyOverride(.down, [.character("j"), .down, .control("n")]),
            KeyOverride(.approve, [.character("y")]),
            KeyOverride(.nextTab, [.character("]")]),
        ])
        let keys = config.keyBindings
        #expect(keys.command(for: .control("n"), in: .incoming) == .down)
        #expect(keys.command(for: .character("y"), in: .exceptions) == .approve)
        // y was copy's key and a was approve's: the operator's binding wins, and a is free now.
        #expect(keys.keys(for: .copyId).isEmpty)
        #expect(keys.command(for: .character("a"), in: .exceptions) == nil)
        // ] scrolled the detail pane; it is the next view now, and Tab still is too.
        #expect(keys.command(for: .character("]"), in: .incoming) == .nextTab)
        #expect(keys.command(for: .tab, in: .incoming) == nil)
        #expect(keys.command(for: .character("k"), in: .incoming) == .up)
    }

    @Test func badBindingsAreReportedWithTheirPlaceAndIgnored() {
        let yaml = """
            keys:
              aprove: x
              down: [j, Ctl-N, {a: 1}]
              up: []
              quit: Q
              help: Q
              sort:
            theme: light

            """
        let (config, problems) = UserConfig.parse(yaml: yaml, file: "config.yaml")
        #expect(problems.map(\.description) == [
            #"config.yaml:2:3: keys.aprove: unknown action "aprove"; did you mean "approve"?"#,
            #"config.yaml:3:13: keys.down: "Ctl-N" is not a key; write keys as \#(KeyNames.examples)"#,
            #"config.yaml:3:20: keys.down: each key is a single name, e.g. Ctrl-N; found a mapping"#,
            "config.yaml:4:7: keys.up: give at least one key, e.g. [j, Down]",
            "config.yaml:6:9: keys.help: Q is already bound to quit above; it stays there",
        ])
        // What could be read applies; the rest keeps the standard keys.
        #expect(config.theme == "light")
        #expect(config.keyOverrides == [KeyOverride(.down, [.character("j")]), KeyOverride(.quit, [.character("Q")])])
        let keys = config.keyBindings
        #expect(keys.command(for: .character("x"), in: .exceptions) == .disqualify)
        #expect(keys.keys(for: .up) == [.character("k"), .up])
        #expect(keys.keys(for: .help) == [.character("?")])
        #expect(keys.command(for: .character("Q"), in: .owners) == .quit)
        #expect(keys.command(for: .character("q"), in: .owners) == nil)
    }

    @Test func keysAreWrittenAsPeopleWriteThem() {
        #expect(KeyNames.key("Space") == .character(" "))
        #expect(KeyNames.key("pgdn") == .pageDown)
        #expect(KeyNames.key("C-b") == .control("b"))
        #expect(KeyNames.key("ctrl+X") == .control("x"))
        #expect(KeyNames.key("F5") == .function(5))
        #expect(KeyNames.key("G") == .character("G"))
        #expect(KeyNames.key("Shift-Tab") == .backTab)
        #expect(KeyNames.key("F13") == nil && KeyNames.key("Ctrl-1") == nil && KeyNames.key("") == nil)
        #expect(ConsoleCommand.named("out_of_office") == .outOfOffice && ConsoleCommand.named("pageDown") == .pageDown)
        #expect(ConsoleCommand.nextTab.configName == "next-tab")
    }

    /// Help, the hint bar and `:` completion read the map in force, so a rebound key shows everywhere.
    @Test func helpHintsAndCompletionFollowTheMap() {
        var state = ConsoleFixtures.state(columns: 120)
        state.settings.keys = KeyBindings(overrides: [KeyOverride(.approve, [.character("y"), .control("y")])])
        state.press(.character("2"))
        #expect(HintBar.hints(state).hints.first { $0.text == "approve" }?.key == "y")
        #expect(state.settings.keys.helpLines().contains { $0.keys == "y/Ctrl-Y" && $0.text.hasPrefix("Approve") })
        #expect(state.settings.keys.helpLines().contains { $0.keys == "(none)" && $0.text.hasPrefix("Copy the lead's id") })
        state.press(.character(":"))
        state.type("a")
        state.press(.tab)
        guard case .command(let line) = state.modal else { Issue.record("no command line"); return }
        #expect(line.completions == ["approve(y)", "annotate(n)", "accept(A)"])
    }
}
