/// Collects diagnostics while a rulebook is read, so every problem in the file is reported at once.
struct DiagnosticLog {
    let file: String
    private(set) var items: [Diagnostic] = []

    init(file: String) { self.file = file }

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ message: String, at spot: Spot) { add(.error, message, spot) }
    mutating func warning(_ message: String, at spot: Spot) { add(.warning, message, spot) }

    private mutating func add(_ severity: Diagnostic.Severity, _ message: String, _ spot: Spot) {
        let d = Diagnostic(severity: severity, file: file, line: spot.line, column: spot.column, message: message)
        if !items.contains(d) { items.append(d) }
    }

    /// In file order; problems at the same spot keep the order they were found in.
    var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}
