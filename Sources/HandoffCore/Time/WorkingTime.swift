import Foundation

/// Deadlines counted in an owner's working hours, on the owner's own clock.
///
/// A lead assigned at 17:50 with 30 minutes to accept, to an owner who works until 18:00, is due at
/// 09:20 the next working day: ten minutes today, twenty tomorrow. Time is stepped in real instants
/// and each one read on the owner's clock, so daylight-saving changes cost or give exactly the hour
/// the wall clock does.
public enum WorkingTime {
    /// The instant `seconds` of working time after `start`. Owners who never work (an empty week)
    /// count wall time: a deadline that never comes would hide the lead forever. Time `off` (out of
    /// office, holidays) does not count: the clock stops there and starts again when it ends.
    public static func deadline(after start: Date, working seconds: Int, hours: WeeklyHours, zone: ZoneClock, off: [Absence] = []) -> Date {
        guard seconds > 0 else { return start }
        let wallTime = hours.minutesPerWeek == WeeklyHours.minutesPerWeek || hours.minutesPerWeek == 0
        if wallTime && off.isEmpty { return start.addingTimeInterval(Double(seconds)) }
        var instant = start.timeIntervalSince1970.rounded(.down)
        var remaining = Double(seconds)
        // A week of off-hours is the longest stretch between working minutes; two bound the loop with
        // room to spare (time off is jumped over whole, so it does not count against the bound).
        var steps = 0
        while remaining > 0, steps < 2 * WeeklyHours.minutesPerWeek + seconds / 60 + 2 {
            steps += 1
            if let away = off.first(where: { $0.contains(Date(timeIntervalSince1970: instant)) }) {
                instant = away.end.timeIntervalSince1970
                continue
            }
            let local = zone.local(Date(timeIntervalSince1970: instant))
            let intoMinute = Double(((local.secondsSinceEpoch % 60) + 60) % 60)
            var leftInMinute = wallTime ? Double.infinity : 60 - intoMinute
            // Time off can begin inside a minute (an absence given as a date-time).
            if let next = off.lazy.map(\.start.timeIntervalSince1970).filter({ $0 > instant }).min() { leftInMinute = min(leftInMinute, next - instant) }
            if wallTime || hours.contains(minuteOfWeek: local.minuteOfWeek) {
                let take = min(remaining, leftInMinute)
                remaining -= take
                instant += take
            } else {
                instant += leftInMinute
            }
        }
        return Date(timeIntervalSince1970: instant)
    }

    /// Working seconds between `start` and `end` (negative when `end` is earlier): how much of a
    /// deadline is left, in the owner's time. Time `off` counts nothing.
    public static func workingSeconds(from start: Date, to end: Date, hours: WeeklyHours, zone: ZoneClock, off: [Absence] = []) -> Int {
        guard end > start else { return end == start ? 0 : -workingSeconds(from: end, to: start, hours: hours, zone: zone, off: off) }
        let wallTime = hours.minutesPerWeek == WeeklyHours.minutesPerWeek || hours.minutesPerWeek == 0
        if wallTime && off.isEmpty { return Int(end.timeIntervalSince(start)) }
        var instant = start.timeIntervalSince1970.rounded(.down)
        let stop = end.timeIntervalSince1970
        var total = 0.0
        while instant < stop {
            if let away = off.first(where: { $0.contains(Date(timeIntervalSince1970: instant)) }) {
                instant = away.end.timeIntervalSince1970
                continue
            }
            let local = zone.local(Date(timeIntervalSince1970: instant))
            var step = min(wallTime ? stop - instant : 60 - Double(((local.secondsSinceEpoch % 60) + 60) % 60), stop - instant)
            if let next = off.lazy.map(\.start.timeIntervalSince1970).filter({ $0 > instant }).min() { step = min(step, next - instant) }
            if wallTime || hours.contains(minuteOfWeek: local.minuteOfWeek) { total += step }
            instant += step
        }
        return Int(total)
    }
}
