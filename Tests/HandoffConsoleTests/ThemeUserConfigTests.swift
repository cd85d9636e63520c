import Foundation
import Testing
@testable import HandoffConsole

@Suite struct UserConfigTests {
    @Test func readsEveryKey() {
        let (config, problems) = UserConfig.parse(yaml: "theme: light\nmouse: false\noperator: ana\n", file: "config.yaml")
        #expect(problems.isEmpty)
        #expect(config == UserConfig(theme: "light", mouse: false, operatorName: "ana"))
    }

    @Test func unknownKeysAndBadValuesAreProblemsAndTheRestStillApplies() {
        let (config, problems) = UserConfig.parse(yaml: "theme: mono\nmosue: true\nmouse: often\n", file: "config.yaml")
        #expect(config == UserConfig(theme: "mono"))
        #expect(problems.map(\.description) == [
            #"config.yaml:2:1: mosue: unknown key "mosue"; did you mean "mouse"?"#,
            #"config.yaml:3:8: mouse: must be true or false; found "often""#,
        ])
    }

    @Test func emptyOrMissingFileIsNoSettings() throws {
        #expect(UserConfig.parse(yaml: "", file: "c").0 == UserConfig())
        #expect(UserConfig.parse(yaml: "# nothing yet\n", file: "c").1.isEmpty)
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-none-\(UUID())").path
        let (config, problems) = UserConfig.load(environment: ["XDG_CONFIG_HOME": nowhere])
        #expect(config == UserConfig() && problems.isEmpty)
    }

    @Test func findsTheFileByXDGRules() {
        #expect(UserConfig.path(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/a"]) == "/x/cfg/handoff/config.yaml")
        #expect(UserConfig.path(environment: ["HOME": "/home/a"]) == "/home/a/.config/handoff/config.yaml")
        // A relative XDG_CONFIG_HOME is ignored, as the spec says.
        #expect(UserConfig.path(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/home/a"]) == "/home/a/.config/handoff/config.yaml")
        #expect(UserConfig.path(environment: [:]) == nil)
    }
}
