import Foundation
import Testing
@testable import HandoffConsole

/// The same screen under every shipped theme, at the color depths terminals report: each row as a
/// map of style letters, with a legend of what each letter is. Compared with Goldens/themed-*.txt;
/// regenerate with HANDOFF_UPDATE_GOLDENS=1.
@Suite struct ThemedScreenTests {
    static func themed(_ name: String, depth: ColorDepth) -> String {
        var state = ConsoleFixtures.state()
        state.press(.character(" ")) // a marked row, and the selection below it
        let screen = ConsoleRenderer.render(state)
        let theme = ThemeCatalog.resolve(name, environment: [:], currentDirectory: "/nonexistent").theme.degraded(to: depth)
        var legend: [CellStyle] = []
        var rows: [String] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for row in 0..<screen.rows {
            var line = ""
            for column in 0..<screen.columns {
                let style = theme.style(screen[row, column].role)
                let index = legend.firstIndex(of: style) ?? { legend.append(style); return legend.count - 1 }()
                line.append(index < letters.count ? letters[index] : "#")
            }
            rows.append(line)
        }
        let described = legend.enumerated().map { i, style in
            "\(i < letters.count ? letters[i] : "#") fg=\(describe(style.foreground)) bg=\(describe(style.background)) attrs=\(attributes(style.attributes))"
        }
        return (screen.lines + [""] + rows + [""] + described).joined(separator: "\n") + "\n"
    }

    static func describe(_ color: ThemeColor) -> String {
        switch color {
        case .terminalDefault: "default"
        case .basic(let n): "basic(\(n))"
        case .indexed(let n): "\(n)"
        case .rgb(let r, let g, let b): String(format: "#%02x%02x%02x", r, g, b)
        }
    }

    static func attributes(_ a: TextAttributes) -> String {
        let names: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"), (.italic, "italic")]
        let on = names.filter { a.contains($0.0) }.map(\.1)
        return on.isEmpty ? "-" : on.joined(separator: ",")
    }

    @Test(arguments: [
        ("dark", ColorDepth.indexed256), ("light", .indexed256), ("high-contrast", .basic16), ("mono", .indexed256), ("dark", .none),
    ])
    func themedScreen(_ name: String, _ depth: ColorDepth) throws {
        let text = Self.themed(name, depth: depth)
        let file = GoldenScreenTests.directory.appendingPathComponent("themed-\(name)-\(depth).txt")
        if ProcessInfo.processInfo.environment["HANDOFF_UPDATE_GOLDENS"] != nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "themed-\(name)-\(depth) differs; regenerate with HANDOFF_UPDATE_GOLDENS=1 and read the diff")
    }

    @Test func withoutColorTheSelectionAndMarksStillShow() {
        let text = Self.themed("dark", depth: .none)
        #expect(!text.contains("fg=#") && !text.contains("fg=basic") && !text.contains("bg=basic"))
        #expect(text.contains("reverse"))
        #expect(text.contains("bold"))
    }
}
