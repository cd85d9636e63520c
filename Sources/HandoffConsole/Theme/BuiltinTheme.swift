/// A theme shipped inside the binary (see BuiltinThemes.swift, generated from Themes/).
struct BuiltinTheme: Sendable {
    var name: String
    /// Where it lives in the repository; problems name it, and a test compares the two.
    var fileName: String
    var yaml: String

    /// Every shipped theme, read once. A test proves they load without problems.
    static let loaded: [String: Theme] = Dictionary(uniqueKeysWithValues: all.compactMap { builtin in
        ThemeLoader.load(yaml: builtin.yaml, file: builtin.fileName).theme.map { (builtin.name, $0) }
    })
}

extension Theme {
    /// The built-in dark theme: what the console uses when no theme is asked for or the asked-for one
    /// has problems. Plain terminal colors only if the shipped file were ever broken (a test says not).
    public static let `default`: Theme = BuiltinTheme.loaded[ThemeCatalog.defaultName] ?? Theme(name: ThemeCatalog.defaultName, roles: [:])
}
