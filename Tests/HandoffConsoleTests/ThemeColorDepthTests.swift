import Testing
@testable import HandoffConsole

@Suite struct ColorDepthTests {
    @Test func detectsFromTheEnvironmentAndTerminfo() {
        let truecolor = ["COLORTERM": "truecolor", "TERM": "xterm-256color"]
        #expect(ColorDepth.detect(environment: truecolor, terminalColors: 256, canChangeColor: true) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"], terminalColors: 256, canChangeColor: true) == .trueColor)
        // curses shows exact RGB by redefining palette slots, or through a direct-color terminfo entry.
        #expect(ColorDepth.detect(environment: truecolor, terminalColors: 256, canChangeColor: false) == .indexed256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 1 << 24, canChangeColor: false) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 8, canChangeColor: true) == .basic16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 256, canChangeColor: false) == .indexed256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 16, canChangeColor: false) == .basic16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8, canChangeColor: false) == .basic16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 2, canChangeColor: false) == .none)
        #expect(ColorDepth.detect(environment: [:], terminalColors: -1, canChangeColor: false) == .none)
    }

    @Test func noColorAndDumbTerminalsGetNone() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256, canChangeColor: true) == .none)
        // An empty NO_COLOR does not count (no-color.org).
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256, canChangeColor: false) == .indexed256)
        #expect(ColorDepth.detect(environment: ["TERM": "dumb"], terminalColors: 256, canChangeColor: false) == .none)
    }
}

@Suite struct ThemeDegradeTests {
    @Test func rgbGoesToTheNearest256ThenTheNearestBasicColor() {
        #expect(ThemeColor.rgb(255, 0, 0).degraded(to: .indexed256) == .indexed(196))
        #expect(ThemeColor.indexed(196).degraded(to: .basic16) == .basic(9))
        #expect(ThemeColor.rgb(255, 0, 0).degraded(to: .basic16) == .basic(9))
        #expect(ThemeColor.rgb(0, 0, 0).degraded(to: .indexed256) == .indexed(16))
        #expect(ThemeColor.indexed(16).degraded(to: .basic16) == .basic(0))
        #expect(ThemeColor.rgb(255, 255, 255).degraded(to: .indexed256) == .indexed(231))
        #expect(ThemeColor.indexed(231).degraded(to: .basic16) == .basic(15))
        #expect(ThemeColor.rgb(0x87, 0xAF, 0xD7).degraded(to: .indexed256) == .indexed(110))
    }

    @Test func greysUseTheGreyRamp() {
        #expect(ThemeColor.rgb(0x80, 0x80, 0x80).degraded(to: .indexed256) == .indexed(244))
        #expect(ThemeColor.rgb(0x12, 0x12, 0x12).degraded(to: .indexed256) == .indexed(233))
        #expect(ThemeColor.indexed(244).degraded(to: .basic16) == .basic(8))
        #expect(ThemeColor.indexed(252).degraded(to: .basic16) == .basic(7))
    }

    @Test func mutedHuesKeepTheirHueOn16Colors() {
        // #bf616a is a dusty red: plain distance would make it grey, which loses "bad".
        #expect(ThemeColor.rgb(0xBF, 0x61, 0x6A).degraded(to: .basic16) == .basic(1))
        #expect(ThemeColor.rgb(0xEB, 0xCB, 0x8B).degraded(to: .basic16) == .basic(11))
        // Pastels nearer to bright blue than to anything else by distance still keep their own hue.
        #expect(ThemeColor.indexed(139).degraded(to: .basic16) == .basic(5))
        #expect(ThemeColor.indexed(108).degraded(to: .basic16) == .basic(2))
        #expect(ThemeColor.indexed(109).degraded(to: .basic16) == .basic(6))
    }

    @Test func whatTheTerminalCanShowStaysAndNoneMeansItsOwnColor() {
        #expect(ThemeColor.basic(3).degraded(to: .indexed256) == .basic(3))
        #expect(ThemeColor.indexed(3).degraded(to: .basic16) == .basic(3))
        #expect(ThemeColor.indexed(100).degraded(to: .indexed256) == .indexed(100))
        #expect(ThemeColor.rgb(1, 2, 3).degraded(to: .trueColor) == .rgb(1, 2, 3))
        for color: ThemeColor in [.rgb(9, 9, 9), .indexed(200), .basic(4), .terminalDefault] {
            #expect(color.degraded(to: .none) == .terminalDefault)
        }
    }

    @Test func noColorKeepsAttributesAndReversesBars() {
        let theme = Theme(name: "t", roles: [
            .selection: RoleStyle(foreground: .rgb(1, 1, 1), background: .rgb(200, 200, 200), attributes: .bold),
            .statusError: RoleStyle(foreground: .rgb(255, 0, 0), attributes: [.bold, .underline]),
        ]).degraded(to: .none)
        #expect(theme.style(.statusError) == CellStyle(attributes: [.bold, .underline]))
        #expect(theme.style(.selection) == CellStyle(attributes: [.bold, .reverse]))
        #expect(theme.style(.plain) == .plain)
    }

    @Test func degradingReachesEveryPreparedRole() {
        let theme = Theme(name: "t", roles: [.plain: RoleStyle(foreground: .rgb(255, 0, 0))]).degraded(to: .basic16)
        #expect(theme.style(.reason(.manual)).foreground == .basic(9))
        #expect(theme.style("reason.unheard.of").foreground == .basic(9))
    }
}
