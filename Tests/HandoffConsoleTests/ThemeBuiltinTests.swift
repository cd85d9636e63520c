import Foundation
import Testing
@testable import HandoffConsole

@Suite struct ThemeBuiltinTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let depths: [ColorDepth] = [.trueColor, .indexed256, .basic16, .none]

    @Test func embeddedCopiesMatchTheFilesByteForByte() throws {
        for builtin in BuiltinTheme.all {
            let file = try Data(contentsOf: Self.root.appendingPathComponent(builtin.fileName))
            #expect(Data(builtin.yaml.utf8) == file, "run .ci/embed-themes after editing \(builtin.fileName)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Themes").path)
            .filter { $0.hasSuffix(".yaml") }.map { "Themes/" + $0 }
        #expect(Set(files) == Set(BuiltinTheme.all.map(\.fileName)), "run .ci/embed-themes after adding a theme")
    }

    @Test func everyShippedThemeLoadsWithoutProblems() {
        #expect(ThemeCatalog.builtinNames == ["dark", "high-contrast", "light", "mono"])
        for builtin in BuiltinTheme.all {
            let load = ThemeLoader.load(yaml: builtin.yaml, file: builtin.fileName)
            #expect(load.problems.isEmpty, "\(load.problems.map(\.description))")
            #expect(load.theme?.name == builtin.name)
        }
        #expect(BuiltinTheme.loaded.count == BuiltinTheme.all.count)
        #expect(Theme.default.name == "dark")
        #expect(Theme.default == BuiltinTheme.loaded["dark"])
    }

    /// No role's text takes its own background's color, at any depth a terminal may have.
    @Test func everyRoleIsReadableAtEveryDepth() {
        for (name, theme) in BuiltinTheme.loaded {
            for depth in Self.depths {
                let shown = theme.degraded(to: depth)
                for role in StyleRole.themeable {
                    let s = shown.style(role)
                    #expect(s.foreground == .terminalDefault || s.foreground != s.background, "\(name) \(role) at \(depth)")
                }
            }
        }
    }

    @Test func monoUsesNoColorAtAll() throws {
        let mono = try #require(BuiltinTheme.loaded["mono"])
        for role in StyleRole.themeable {
            #expect(mono.style(role).foreground == .terminalDefault && mono.style(role).background == .terminalDefault, "\(role)")
        }
        #expect(mono.degraded(to: .none) == mono)
    }

    /// Without color (mono, or any theme under NO_COLOR) the things an operator must see stay distinct.
    @Test func attributesAloneSetTheImportantRolesApart() {
        for (name, theme) in BuiltinTheme.loaded {
            let shown = theme.degraded(to: .none)
            let plain = shown.style(.plain)
            for role in [StyleRole.selection, .marked, .borderFocus, .statusError, .tableHeading, .header] {
                #expect(shown.style(role) != plain, "\(name) \(role)")
            }
            #expect(shown.style(.selection) != shown.style(.marked), "\(name)")
            #expect(shown.style(.statusError) != shown.style(.statusInfo), "\(name)")
            #expect(shown.style(.statusError) != shown.style(.statusOK), "\(name)")
            #expect(shown.style(.borderFocus) != shown.style(.border), "\(name)")
            #expect(shown.style(.state(.flagged)) != plain, "\(name)")
        }
    }
}
