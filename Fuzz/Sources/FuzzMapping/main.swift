import FuzzContract
import HandoffIntake

/// Column mappings: a refused mapping has at least one diagnostic, and each points inside the file.
fuzz { input in
    let yaml = text(input)
    let lines = yamlLineCount(yaml)
    let load = ColumnMapping.load(yaml: yaml, file: "mapping.yaml")
    require(load.mapping != nil || !load.diagnostics.isEmpty, "mapping refused without a diagnostic")
    for d in load.diagnostics {
        require(d.line >= 1 && d.line <= lines + 1, "diagnostic at line \(d.line) of \(lines): \(d)")
        require(d.column >= 1, "diagnostic without a column: \(d)")
        require(!d.message.isEmpty, "diagnostic without a message at \(d.line):\(d.column)")
    }
    for entry in load.mapping?.entries ?? [] {
        require(entry.position.line >= 1 && entry.position.line <= lines + 1, "entry at line \(entry.position.line) of \(lines)")
    }
}
