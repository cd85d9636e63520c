/// JSON that is exact and still safe on a terminal: encoders escape C0 controls but write DEL, C1
/// controls and bidirectional overrides raw. This rewrites those as `\uXXXX`, which JSON readers turn
/// back into the same characters, so `--json` keeps every value exactly.
public enum JSONText {
    public static func escapingControls(_ json: String) -> String {
        guard TerminalText.needsEscaping(json, lineBreaks: true) else { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            if TerminalText.isControl(s, lineBreaks: true) {
                let hex = String(s.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
