import Foundation

/// Durations as written in a rulebook: `90s`, `30m`, `4h`, `30d`, `2w`, or combined as `1h30m`.
public enum DurationText {
    /// Seconds, or nil when the text is not a duration.
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
                switch ch {
                case "s": total += n
                case "m": total += n * 60
                case "h": total += n * 3_600
                case "d": total += n * 86_400
                case "w": total += n * 604_800
                default: return nil
                }
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
