import Foundation

/// Moments as a rulebook test writes them: ISO 8601 with `Z` or an offset
/// (`2026-11-24T10:00:00+01:00`), or a local time on a named clock (`2026-11-24 10:00 Europe/Berlin`),
/// which is how people think of "Monday morning in Berlin". Every part is checked: no 2026-02-30, no
/// 25:00, no offset beyond 14 hours, and a local time a clock change skips is refused.
public enum MomentText {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case shape
        case date
        case time
        case offset
        case zone(String)
        case skipped(String)

        public var description: String {
            switch self {
            case .shape: "write it like 2026-11-24T10:00:00Z, 2026-11-24T10:00:00+01:00 or 2026-11-24 10:00 Europe/Berlin"
            case .date: "no such calendar date"
            case .time: "the time of day must be 00:00 to 23:59:59"
            case .offset: "the offset must be between -14:00 and +14:00"
            case .zone(let name): "unknown time zone '\(name)'; use an IANA name such as Europe/Berlin or America/New_York"
            case .skipped(let zone): "that local time does not exist in \(zone) (the clocks changed)"
            }
        }
    }

    public static func parse(_ text: String) -> Result<Date, Problem> {
        var zones: [String: ZoneClock] = [:]
        return parse(text, zones: &zones)
    }

    /// The same, keeping each named clock it reads in `zones`: reading a zone's transitions costs far
    /// more than the rest of a moment, and a test file names the same few zones thousands of times.
    public static func parse(_ text: String, zones: inout [String: ZoneClock]) -> Result<Date, Problem> {
        // Read by hand rather than with a Regex: a test file has thousands of moments, and a Regex
        // literal is parsed anew each time it is evaluated.
        var s = Scanner(Array(text.trimmingSpaces.utf8))
        guard let y = s.digits(4), s.eat("-"), let mo = s.digits(2), s.eat("-"), let d = s.digits(2) else { return .failure(.shape) }
        let separator = s.peek
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") else { return .failure(.shape) }
        s.index += 1
        guard let h = s.digits(2), s.eat(":"), let mi = s.digits(2) else { return .failure(.shape) }
        var second = 0
        var fraction: String?
        if s.eat(":") {
            guard let sec = s.digits(2) else { return .failure(.shape) }
            second = sec
            if s.peek == UInt8(ascii: ".") {
                let start = s.index
                s.index += 1
                let digits = s.index
                while let c = s.peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { s.index += 1 }
                guard s.index > digits, s.index - digits <= 17 else { return .failure(.shape) }
                fraction = String(decoding: s.bytes[start..<s.index], as: UTF8.self)
            }
        }
        guard let local = local(y, mo, d, h, mi, second) else { return .failure(problem(y, mo, d)) }
        // An offset: Z or +HH:MM, straight after the time.
        if separator == UInt8(ascii: "T"), let c = s.peek, c == UInt8(ascii: "Z") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            var offset = 0
            s.index += 1
            if c != UInt8(ascii: "Z") {
                guard let oh = s.digits(2), s.eat(":"), let om = s.digits(2) else { return .failure(.shape) }
                guard om < 60, oh * 60 + om <= 14 * 60 else { return .failure(.offset) }
                offset = (c == UInt8(ascii: "-") ? -1 : 1) * (oh * 3_600 + om * 60)
            }
            guard s.atEnd else { return .failure(.shape) }
            let whole = local.secondsSinceEpoch - offset
            // A fraction is read together with the whole seconds, so text written from a Double reads
            // back as that same Double.
            let seconds = fraction.flatMap { whole >= 0 ? Double("\(whole)\($0)") : Double("0\($0)").map { Double(whole) + $0 } } ?? TimeInterval(whole)
            return .success(Date(timeIntervalSince1970: seconds))
        }
        // Or a named clock, after spaces.
        guard fraction == nil, s.peek == UInt8(ascii: " ") else { return .failure(.shape) }
        while s.peek == UInt8(ascii: " ") { s.index += 1 }
        guard !s.atEnd else { return .failure(.shape) }
        let name = String(decoding: s.bytes[s.index...], as: UTF8.self)
        guard let zone = zones[name] ?? ZoneClock(identifier: name) else { return .failure(.zone(name)) }
        zones[name] = zone
        let instant = zone.instant(of: local)
        guard zone.local(instant) == local else { return .failure(.skipped(name)) }
        return .success(instant)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            guard peek == UInt8(ascii: c) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits, as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var n = 0
            for c in bytes[index..<index + count] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(c - UInt8(ascii: "0"))
            }
            index += count
            return n
        }
    }

    private static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> LocalTime? {
        guard (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        let midnight = LocalTime(year: year, month: month, day: day)
        guard midnight.date == (year, month, day) else { return nil }
        return LocalTime(secondsSinceEpoch: midnight.secondsSinceEpoch + hour * 3_600 + minute * 60 + second)
    }

    private static func problem(_ year: Int, _ month: Int, _ day: Int) -> Problem {
        guard (1...12).contains(month), day >= 1 else { return .date }
        return LocalTime(year: year, month: month, day: day).date == (year, month, day) ? .time : .date
    }
}
