import Foundation

/// Durations as written in a rulebook: `90s`, `30m`, `4h`, `30d`, `2w`, or combined as `1h30m`.
public enum DurationText {
    /// Seconds, or nil when the text is not a duration (or one too long to count in seconds).
    public static func seconds(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !s.isEmpty else { return nil }
        var total = 0
        var number = ""
        for ch in s {
            if ch.isNumber {
                number.append(ch)
            } else {
                guard let n = Int(number) else { return nil }
                let unit = switch ch {
                case "s": 1
                case "m": 60
                case "h": 3_600
                case "d": 86_400
                case "w": 604_800
                default: 0
                }
                guard unit > 0 else { return nil }
                let (seconds, overflow) = n.multipliedReportingOverflow(by: unit)
                let (sum, overflowAgain) = total.addingReportingOverflow(seconds)
                guard !overflow, !overflowAgain else { return nil }
                total = sum
                number = ""
            }
        }
        return number.isEmpty && total > 0 ? total : nil
    }

    /// The shortest text for a number of seconds: 1800 -> "30m", 5400 -> "1h30m".
    public static func text(_ seconds: Int) -> String {
        if seconds == 0 { return "0s" }
        var rest = seconds, out = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}
