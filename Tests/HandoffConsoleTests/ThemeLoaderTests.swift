import Testing
@testable import HandoffConsole

@Suite struct ThemeLoaderTests {
    let file = "Themes/x.yaml"

    /// The one problem a file gives, which the test expects there to be exactly one of.
    func problem(_ yaml: String) -> ThemeProblem? {
        let load = ThemeLoader.load(yaml: yaml, file: file)
        #expect(load.theme == nil, "a theme with problems is never used")
        #expect(load.problems.count == 1, "\(load.problems)")
        return load.problems.first
    }

    @Test func readsPaletteNamesHexIndexesBasicNamesAndDefault() throws {
        let yaml = """
        name: dusk
        palette:
          accent: "#88c0d0"
        roles:
          table.row: {fg: 252, bg: default}
          header: {fg: accent, bg: bright-blue, attrs: [bold, reverse]}
          muted: {attrs: dim}
        """
        let load = ThemeLoader.load(yaml: yaml, file: file)
        #expect(load.problems.isEmpty, "\(load.problems)")
        let theme = try #require(load.theme)
        #expect(theme.name == "dusk")
        #expect(theme.style(.plain) == CellStyle(foreground: .indexed(252), background: .terminalDefault))
        #expect(theme.style(.header) == CellStyle(foreground: .rgb(0x88, 0xC0, 0xD0), background: .basic(12), attributes: [.bold, .reverse]))
        #expect(theme.style(.muted).attributes == .dim)
    }

    @Test func nameDefaultsToTheFileName() {
        #expect(ThemeLoader.load(yaml: "roles: {}", file: "themes/solar.yaml").theme?.name == "solar")
    }

    @Test func badHexColorPointsAtTheValue() throws {
        let yaml = """
        name: x
        roles:
          state.flagged: {fg: "#ggg"}
        """
        let p = try #require(problem(yaml))
        #expect(p.description == ##"Themes/x.yaml:3:23: roles.state.flagged.fg: "#ggg" is not a color; use a palette name, #RRGGBB, 0-255 or a basic name (red, bright-blue, ...)"##)
    }

    @Test func unknownPaletteNameSuggestsTheClosest() throws {
        let yaml = """
        palette:
          warn: "#ebcb8b"
        roles:
          reason:
            fg: wran
        """
        let p = try #require(problem(yaml))
        #expect((p.line, p.column, p.key) == (5, 9, "roles.reason.fg"))
        #expect(p.message == #""wran" is not a color or a palette name; did you mean "warn"?"#)
    }

    @Test func indexOutOfRangeAndUnquotedHexAreProblems() throws {
        let outOfRange = try #require(problem("roles:\n  border: {fg: 300}"))
        #expect((outOfRange.line, outOfRange.column, outOfRange.key) == (2, 16, "roles.border.fg"))
        // YAML reads everything after an unquoted # as a comment, leaving the color empty.
        let unquoted = try #require(problem("roles:\n  border:\n    fg: #ff0000\n"))
        #expect(unquoted.key == "roles.border.fg")
        #expect(unquoted.message.contains("quote hex colors"))
    }

    @Test func unknownKeysAtEveryLevel() {
        let yaml = """
        name: x
        colours: {}
        roles:
          state.flaged: {fg: red}
          header: {fg: red, color: blue}
        """
        let load = ThemeLoader.load(yaml: yaml, file: file)
        #expect(load.theme == nil)
        let found = load.problems.map { "\($0.line):\($0.column) \($0.key): \($0.message)" }
        #expect(found == [
            #"2:1 colours: unknown key "colours"; use name, palette, roles"#,
            #"4:3 roles.state.flaged: unknown role "state.flaged"; did you mean "state.flagged"?"#,
            #"5:21 roles.header.color: unknown key "color"; use fg, bg, attrs"#,
        ], "\(found)")
    }

    @Test func badAttributeNamesTheItem() throws {
        let p = try #require(problem("roles:\n  title: {attrs: [bold, bodl]}"))
        #expect((p.line, p.column, p.key) == (2, 25, "roles.title.attrs"))
        #expect(p.message == #""bodl" is not an attribute; did you mean "bold"?"#)
        let blink = try #require(problem("roles:\n  title: {attrs: [blink]}"))
        #expect(blink.message == #""blink" is not an attribute; use bold, dim, underline, reverse, italic"#)
    }

    @Test func paletteCannotRedefineDefaultOrHoldNonColors() {
        let load = ThemeLoader.load(yaml: "palette:\n  default: red\n  x: nope\n", file: file)
        #expect(load.problems.map(\.key) == ["palette.default", "palette.x"])
        #expect(load.problems.map(\.line) == [2, 3])
    }

    @Test func wrongShapes() {
        let load = ThemeLoader.load(yaml: "roles:\n  header: bold\n  border:\n", file: file)
        #expect(load.problems.map(\.key) == ["roles.header", "roles.border"], "\(load.problems)")
        #expect(load.problems[0].message.hasPrefix("must be a mapping"))
        #expect(ThemeLoader.load(yaml: "- a\n- b\n", file: file).problems.first?.message.hasPrefix("must be a mapping") == true)
        #expect(ThemeLoader.load(yaml: "", file: file).problems.first?.message.hasPrefix("the file is empty") == true)
    }

    @Test func yamlSyntaxErrorKeepsItsPosition() throws {
        let p = try #require(problem("roles:\n  header: {fg: red\n  border: {fg: blue}\n"))
        #expect(p.key == "")
        #expect(p.line >= 2)
        #expect(p.message.hasPrefix("invalid YAML"))
        #expect(p.description.hasPrefix("Themes/x.yaml:\(p.line):\(p.column): invalid YAML"))
    }

    @Test func repeatedKeyIsAProblem() throws {
        let p = try #require(problem("roles:\n  header: {fg: red}\n  header: {fg: blue}\n"))
        #expect(p.message.contains("\"header\" is given twice"))
        #expect(p.line >= 2)
    }

    @Test func everyProblemInTheFileIsReportedInFileOrder() {
        let yaml = """
        roles:
          header: {fg: nope, attrs: [shiny]}
          border: {bg: "#12"}
        """
        let load = ThemeLoader.load(yaml: yaml, file: file)
        #expect(load.problems.map(\.key) == ["roles.header.fg", "roles.header.attrs", "roles.border.bg"])
    }
}
