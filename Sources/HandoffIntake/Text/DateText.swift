import Foundation
import HandoffCore

/// Which number comes first in dates like 03/04/2026.
public enum DateOrder: Sendable, Hashable {
    /// 11/24/2026: US CRM exports (HubSpot and Salesforce in US locales).
    case monthFirst
    /// 24/11/2026.
    case dayFirst
}

/// Reads the dates CRM exports write, from bytes and without Foundation's formatters, which cost
/// microseconds a call and depend on the machine's locale.
///
/// Accepted: ISO 8601 (`2026-11-24`, `2026-11-24T14:03`, `…:05`, `…:05.123`, with `Z`, `+01:00`, `+0100`
/// or `+01`; a space may stand for the `T`), `2026/11/24`, `11/24/2026` or `11/24/26` (order as set),
/// `24.11.2026`, each optionally followed by `14:03`, `14:03:05` or `2:03 PM`, and Unix time in seconds
/// (10 digits) or milliseconds (13). Times without an offset are read on `zone`'s wall clock.
public struct DateText: Sendable, Hashable {
    public var zone: ZoneClock
    public var order: DateOrder

    public init(zone: ZoneClock = .utc, order: DateOrder = .monthFirst) {
        self.zone = zone
        self.order = order
    }

    public func date(from text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(Cursor(bytes: $0)) }
    }

    private func parse(_ start: Cursor) -> Date? {
        var c = start
        c.trim()
        guard !c.atEnd else { return nil }
        if let epoch = c.epoch() { return epoch }
        guard let (year, month, day) = readDate(&c), CalendarDay.supportedYears.contains(year), (1...12).contains(month),
              (1...LocalTime.daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = LocalTime(year: year, month: month, day: day).secondsSinceEpoch
        var fraction = 0.0
        var offset: Int?
        if !c.atEnd {
            // "T", spaces, or ", " between date and time.
            if c.peek == UInt8(ascii: "T") || c.peek == UInt8(ascii: "t") { c.advance() } else {
                _ = c.skip(UInt8(ascii: ","))
                guard c.skipSpaces() else { return nil }
            }
            guard let time = readTime(&c) else { return nil }
            seconds += time.seconds
            fraction = time.fraction
            offset = readOffset(&c)
            guard c.atEnd, offset != Int.min else { return nil }
        }
        let local = LocalTime(secondsSinceEpoch: seconds)
        if let offset {
            // Real offsets run from -12:00 to +14:00.
            guard (-12 * 3_600)...(14 * 3_600) ~= offset else { return nil }
            return Date(timeIntervalSince1970: Double(seconds - offset) + fraction)
        }
        let instant = zone.instant(of: local)
        // A wall-clock time the zone skips (clocks going forward) names no instant: refused, not moved.
        guard zone.local(instant) == local else { return nil }
        return instant.addingTimeInterval(fraction)
    }

    private func readDate(_ c: inout Cursor) -> (Int, Int, Int)? {
        guard let (first, firstDigits) = c.number(maxDigits: 4) else { return nil }
        guard let separator = c.peek, separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") else { return nil }
        c.advance()
        guard let (second, _) = c.number(maxDigits: 2), c.skip(separator) else { return nil }
        if firstDigits == 4 {
            guard separator != UInt8(ascii: "."), let (day, _) = c.number(maxDigits: 2) else { return nil }
            return (first, second, day)
        }
        guard firstDigits <= 2, let (year, yearDigits) = c.number(maxDigits: 4), yearDigits == 4 || yearDigits == 2,
              separator != UInt8(ascii: "-") else { return nil }
        let fullYear = yearDigits == 2 ? 2000 + year : year
        if separator == UInt8(ascii: ".") || order == .dayFirst { return (fullYear, second, first) }
        return (fullYear, first, second)
    }

    /// "14:03", "14:03:05.250", "2:03 PM"; seconds since midnight plus any fraction.
    private func readTime(_ c: inout Cursor) -> (seconds: Int, fraction: Double)? {
        guard var (hour, _) = c.number(maxDigits: 2), c.skip(UInt8(ascii: ":")), let (minute, minuteDigits) = c.number(maxDigits: 2),
              minuteDigits == 2, minute < 60 else { return nil }
        var second = 0, fraction = 0.0
        if c.skip(UInt8(ascii: ":")) {
            guard let (s, digits) = c.number(maxDigits: 2), digits == 2, s < 60 else { return nil }
            second = s
            if c.skip(UInt8(ascii: ".")) || c.skip(UInt8(ascii: ",")) {
                guard let f = c.fraction() else { return nil }
                fraction = f
            }
        }
        var mark = c
        _ = mark.skipSpaces()
        if let pm = mark.meridiem() {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
            c = mark
        }
        guard hour < 24 else { return nil }
        return (hour * 3_600 + minute * 60 + second, fraction)
    }

    /// Seconds east of UTC; nil when none is written; `Int.min` when one is written badly.
    private func readOffset(_ c: inout Cursor) -> Int? {
        var mark = c
        _ = mark.skipSpaces()
        guard let b = mark.peek else { return nil }
        if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z") { mark.advance(); c = mark; return 0 }
        if mark.skipWord("UTC") || mark.skipWord("GMT") { c = mark; return 0 }
        guard b == UInt8(ascii: "+") || b == UInt8(ascii: "-") else { return Int.min }
        mark.advance()
        guard let (hours, hourDigits) = mark.number(maxDigits: 2), hourDigits == 2 else { return Int.min }
        var minutes = 0
        _ = mark.skip(UInt8(ascii: ":"))
        if let (m, digits) = mark.number(maxDigits: 2) {
            guard digits == 2, m < 60 else { return Int.min }
            minutes = m
        }
        c = mark
        let value = hours * 3_600 + minutes * 60
        // Out of the range of real offsets: refused (as Int.min) rather than read.
        guard value <= 14 * 3_600 else { return Int.min }
        return b == UInt8(ascii: "-") ? -value : value
    }
}

/// A read position in a value's bytes.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var end: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        end = bytes.count
    }

    var atEnd: Bool { i >= end }
    var peek: UInt8? { i < end ? bytes[i] : nil }
    mutating func advance() { i += 1 }

    mutating func trim() {
        while i < end, bytes[i] == ASCII.space || bytes[i] == ASCII.tab { i += 1 }
        while end > i, bytes[end - 1] == ASCII.space || bytes[end - 1] == ASCII.tab { end -= 1 }
    }

    mutating func skip(_ b: UInt8) -> Bool {
        guard i < end, bytes[i] == b else { return false }
        i += 1
        return true
    }

    /// At least one space.
    mutating func skipSpaces() -> Bool {
        let from = i
        while i < end, bytes[i] == ASCII.space { i += 1 }
        return i > from
    }

    /// Case-insensitive ASCII word.
    mutating func skipWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - i >= n else { return false }
        for k in 0..<n where bytes[i + k] | 0x20 != word.utf8Start[k] | 0x20 { return false }
        i += n
        return true
    }

    /// Up to `maxDigits` digits: the value and how many there were.
    mutating func number(maxDigits: Int) -> (Int, Int)? {
        var value = 0, digits = 0
        while i < end, digits < maxDigits, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            value = value * 10 + Int(bytes[i] - 0x30)
            digits += 1
            i += 1
        }
        return digits > 0 ? (value, digits) : nil
    }

    /// Digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        var value = 0.0, scale = 1.0, digits = 0
        while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            if digits < 9 { value = value * 10 + Double(bytes[i] - 0x30); scale *= 10 }
            digits += 1
            i += 1
        }
        return digits > 0 ? value / scale : nil
    }

    /// "AM", "pm", "a.m.": true for afternoon.
    mutating func meridiem() -> Bool? {
        guard let b = peek else { return nil }
        let pm: Bool
        switch b | 0x20 {
        case UInt8(ascii: "a"): pm = false
        case UInt8(ascii: "p"): pm = true
        default: return nil
        }
        var mark = self
        mark.advance()
        _ = mark.skip(UInt8(ascii: "."))
        guard let m = mark.peek, m | 0x20 == UInt8(ascii: "m") else { return nil }
        mark.advance()
        _ = mark.skip(UInt8(ascii: "."))
        self = mark
        return pm
    }

    /// The whole value as Unix seconds (10 digits) or milliseconds (13 digits).
    func epoch() -> Date? {
        let n = end - i
        guard n == 10 || n == 13 else { return nil }
        // Ten digits reach 2286, inside the supported years; nothing below needs checking.
        var value = 0
        for k in i..<end {
            guard bytes[k] >= 0x30, bytes[k] <= 0x39 else { return nil }
            value = value * 10 + Int(bytes[k] - 0x30)
        }
        return Date(timeIntervalSince1970: n == 13 ? Double(value) / 1000 : Double(value))
    }
}

extension LocalTime {
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
