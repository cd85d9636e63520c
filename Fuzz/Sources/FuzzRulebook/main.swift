import FuzzContract
import HandoffCore

/// Rulebooks: YAML in, a rulebook or diagnostics out. A refused rulebook has at least one error, and
/// every diagnostic points at a line and column inside the file.
fuzz { input in
    let yaml = text(input)
    let lines = yamlLineCount(yaml)
    let load = RulebookLoader.load(yaml: yaml, file: "rules.yaml")
    require(load.rulebook != nil || !load.errors.isEmpty, "rulebook refused without an error")
    for d in load.diagnostics {
        require(d.line >= 1 && d.line <= lines + 1, "diagnostic at line \(d.line) of \(lines): \(d)")
        require(d.column >= 1, "diagnostic without a column: \(d)")
        require(!d.message.isEmpty, "diagnostic without a message at \(d.line):\(d.column)")
    }
}
