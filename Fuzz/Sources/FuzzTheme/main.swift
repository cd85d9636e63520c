import FuzzContract
import HandoffConsole

/// Themes: a theme is shown only when it has no problems, and every problem points inside the file.
fuzz { input in
    let yaml = text(input)
    let lines = yamlLineCount(yaml)
    let load = ThemeLoader.load(yaml: yaml, file: "theme.yaml")
    require((load.theme == nil) == !load.problems.isEmpty, "a theme with problems, or none without: \(load.problems)")
    for p in load.problems {
        require(p.line >= 1 && p.line <= lines + 1, "problem at line \(p.line) of \(lines): \(p)")
        require(p.column >= 1, "problem without a column: \(p)")
        require(!p.message.isEmpty, "problem without a message at \(p.line):\(p.column)")
    }
}
