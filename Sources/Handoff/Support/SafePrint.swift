import HandoffText

/// Every line a command prints goes through here: text from data (companies, names, quarantined
/// values, ids typed on the command line) is shown with its control characters escaped, so it cannot
/// drive the terminal. Colour sequences pass only when the output is styled, since `TextStyle` wrote
/// them; JSON output holds no raw control characters to begin with (`JSONText`).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text, lineBreaks: true, styles: Console.stylesOutput), terminator: terminator)
}
