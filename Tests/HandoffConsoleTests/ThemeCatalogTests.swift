import Foundation
import Testing
@testable import HandoffConsole

@Suite struct ThemeCatalogTests {
    /// A scratch home with a config directory and a working directory, removed afterwards.
    final class Scratch {
        let root: String
        var config: String { root + "/config" }
        var work: String { root + "/work" }
        var environment: [String: String] { ["XDG_CONFIG_HOME": config, "HOME": root] }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-themes-\(UUID())").path
            try FileManager.default.createDirectory(atPath: config + "/handoff/themes", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: work + "/Themes", withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ path: String, _ text: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

        func resolve(_ value: String?) -> ThemeResolution {
            ThemeCatalog.resolve(value, environment: environment, currentDirectory: work)
        }
    }

    @Test func namesAreLookedUpInTheUserDirectoryThenThemesThenBuiltIns() throws {
        let s = try Scratch()
        #expect(s.resolve("light").source == "built-in light")
        #expect(s.resolve("light").theme.name == "light")

        try s.write(s.work + "/Themes/light.yaml", "name: local-light\nroles: {}\n")
        #expect(s.resolve("light").source == "Themes/light.yaml")
        #expect(s.resolve("light").theme.name == "local-light")

        try s.write(s.config + "/handoff/themes/light.yaml", "name: my-light\nroles: {}\n")
        let mine = s.resolve("light")
        #expect(mine.source == s.config + "/handoff/themes/light.yaml")
        #expect(mine.theme.name == "my-light")
        #expect(mine.notice == nil && mine.problems.isEmpty)
    }

    @Test func pathsAreFilesRelativeToTheWorkingDirectory() throws {
        let s = try Scratch()
        try s.write(s.work + "/dusk.yaml", "roles: {}\n")
        #expect(s.resolve("dusk.yaml").theme.name == "dusk")
        #expect(s.resolve("./dusk.yaml").source == "./dusk.yaml")
        #expect(s.resolve(s.work + "/dusk.yaml").theme.name == "dusk")
        try s.write(s.root + "/home.yaml", "roles: {}\n")
        #expect(s.resolve("~/home.yaml").theme.name == "home")

        let missing = s.resolve("nowhere/x.yaml")
        #expect(missing.theme == .default)
        #expect(missing.notice == "no theme file nowhere/x.yaml; using the built-in dark theme")
    }

    @Test func aThemeWithProblemsFallsBackToTheDefaultAndSaysWhy() throws {
        let s = try Scratch()
        try s.write(s.work + "/Themes/broken.yaml", "roles:\n  header: {fg: \"#ggg\"}\n")
        let r = s.resolve("broken")
        #expect(r.theme == .default)
        #expect(r.source == "built-in dark")
        #expect(r.problems.map(\.description).first?.hasPrefix("Themes/broken.yaml:2:16: roles.header.fg: ") == true)
        #expect(r.notice == "Themes/broken.yaml has a problem; using the built-in dark theme")
    }

    @Test func unknownNameNamesTheKnownThemes() throws {
        let s = try Scratch()
        try s.write(s.config + "/handoff/themes/solar.yaml", "roles: {}\n")
        let r = s.resolve("drak")
        #expect(r.theme == .default)
        #expect(r.notice == #"no theme named "drak" (did you mean "dark"?); using the built-in dark theme; themes: dark, high-contrast, light, mono, solar"#)
        // A running console keeps its theme, so the reason it gives says nothing of the default.
        #expect(r.reason == #"no theme named "drak" (did you mean "dark"?); themes: dark, high-contrast, light, mono, solar"#)
        #expect(s.resolve("zzzzzz").notice?.hasPrefix(#"no theme named "zzzzzz"; using"#) == true)
        #expect(ThemeCatalog.availableNames(environment: s.environment, currentDirectory: s.work) == ["dark", "high-contrast", "light", "mono", "solar"])
    }

    @Test func noNameMeansTheConfigFilesThemeElseDark() throws {
        let s = try Scratch()
        #expect(s.resolve(nil).source == "built-in dark")
        try s.write(s.config + "/handoff/config.yaml", "theme: mono\n")
        #expect(s.resolve(nil).theme.name == "mono")

        try s.write(s.config + "/handoff/config.yaml", "theme: monoo\ncolour: red\n")
        let r = s.resolve(nil)
        #expect(r.theme == .default)
        #expect(r.problems.map(\.key) == ["colour"])
        #expect(r.notice?.hasPrefix(s.config + "/handoff/config.yaml: no theme named \"monoo\" (did you mean \"mono\"?)") == true)
    }
}
