/// Turning a theme's color into one the terminal can show: RGB to the nearest of the xterm 256, those to
/// the nearest of the 16 basic colors, and no color at all to the terminal's own.
extension ThemeColor {
    public func degraded(to depth: ColorDepth) -> ThemeColor {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .trueColor): return self
        case (_, .none): return .terminalDefault
        case (.basic, _): return self
        case (.indexed, .indexed256): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(XtermPalette.nearestIndex(r, g, b))
        case (.indexed(let i), .basic16): return .basic(XtermPalette.nearestBasic(to: i))
        case (.rgb(let r, let g, let b), .basic16): return .basic(XtermPalette.nearestBasic(to: XtermPalette.nearestIndex(r, g, b)))
        }
    }
}

/// The standard xterm palette: 16 basic colors, a 6x6x6 cube (16-231) and 24 greys (232-255).
enum XtermPalette {
    /// xterm's defaults for 0-15; terminals differ, so these only decide which basic color is nearest.
    static let basic: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let greyIndexes = [0, 7, 8, 15]
    /// Normal and bright of each hue, by 60-degree sector: red, yellow, green, cyan, blue, magenta.
    private static let hueIndexes = [(1, 9), (3, 11), (2, 10), (6, 14), (4, 12), (5, 13)]

    /// The RGB value of one of the 256 colors.
    static func rgb(_ index: UInt8) -> (r: Int, g: Int, b: Int) {
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
        let c = i - 16
        return (cubeLevels[c / 36], cubeLevels[c / 6 % 6], cubeLevels[c % 6])
    }

    /// The nearest cube color or grey (16-255), as xterm's own 256-color approximation picks it.
    static func nearestIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (r, g, b) = (Int(r), Int(g), Int(b))
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let (cr, cg, cb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * cr + 6 * cg + cb
        let average = (r + g + b) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + 10 * greyStep
        let cubeDistance = distance((r, g, b), (cubeLevels[cr], cubeLevels[cg], cubeLevels[cb]))
        let greyDistance = distance((r, g, b), (grey, grey, grey))
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cube)
    }

    /// The nearest basic color (0-15). A color with a hue keeps its hue, then takes the nearer of that
    /// hue's normal and bright versions: plain distance to the 16 saturated colors would turn the muted
    /// reds and greens themes like into grey or blue, losing the very signal the color carried.
    static func nearestBasic(to index: UInt8) -> UInt8 {
        if index < 16 { return index }
        let c = rgb(index)
        let high = max(c.r, c.g, c.b), chroma = high - min(c.r, c.g, c.b)
        // Cube steps are at least 40 apart, so this separates the greys from everything with a hue.
        guard chroma >= 40 else {
            return UInt8(greyIndexes.min { distance(c, basic[$0]) < distance(c, basic[$1]) }!)
        }
        let d = Double(chroma)
        var hue = high == c.r ? 60 * Double(c.g - c.b) / d : high == c.g ? 60 * (Double(c.b - c.r) / d + 2) : 60 * (Double(c.r - c.g) / d + 4)
        if hue < 0 { hue += 360 }
        let (normal, bright) = hueIndexes[Int((hue + 30) / 60) % 6]
        return UInt8(distance(c, basic[bright]) < distance(c, basic[normal]) ? bright : normal)
    }

    private static func distance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let (dr, dg, db) = (a.r - b.r, a.g - b.g, a.b - b.b)
        return dr * dr + dg * dg + db * db
    }
}
