import Foundation

/// Deadlines counted in an owner's working hours, on the owner's own clock.
///
/// A lead assigned at 17:50 with 30 minutes to accept, to an owner who works until 18:00, is due at
/// 09:20 the next working day: ten minutes today, twenty tomorrow. Time is stepped in real instants
/// and each one read on the owner's clock, so daylight-saving changes cost or give exactly the hour
/// the wall clock does.
public enum WorkingTime {
    /// The instant `seconds` of working time after `start`. Owners who never work (an empty week)
    /// count wall time: a deadline that never comes would hide the lead forever.
    public static func deadline(after start: Date, working seconds: Int, hours: WeeklyHours, zone: ZoneClock) -> Date {
        guard seconds > 0 else { return start }
        if hours.minutesPerWeek == WeeklyHours.minutesPerWeek || hours.minutesPerWeek == 0 {
            return start.addingTimeInterval(Double(seconds))
        }
        var instant = start.timeIntervalSince1970.rounded(.down)
        var remaining = Double(seconds)
        // A week of off-hours is the longest stretch there can be; two bound the loop with room to spare.
        var steps = 0
        while remaining > 0, steps < 2 * WeeklyHours.minutesPerWeek + seconds / 60 + 2 {
            steps += 1
            let local = zone.local(Date(timeIntervalSince1970: instant))
            let intoMinute = Double(((local.secondsSinceEpoch % 60) + 60) % 60)
            let leftInMinute = 60 - intoMinute
            if hours.contains(minuteOfWeek: local.minuteOfWeek) {
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
    /// deadline is left, in the owner's time.
    public static func workingSeconds(from start: Date, to end: Date, hours: WeeklyHours, zone: ZoneClock) -> Int {
        guard end > start else { return end == start ? 0 : -workingSeconds(from: end, to: start, hours: hours, zone: zone) }
        if hours.minutesPerWeek == WeeklyHours.minutesPerWeek || hours.minutesPerWeek == 0 { return Int(end.timeIntervalSince(start)) }
        var instant = start.timeIntervalSince1970.rounded(.down)
        let stop = end.timeIntervalSince1970
        var total = 0.0
        while instant < stop {
            let local = zone.local(Date(timeIntervalSince1970: instant))
            let step = min(60 - Double(((local.secondsSinceEpoch % 60) + 60) % 60), stop - instant)
            if hours.contains(minuteOfWeek: local.minuteOfWeek) { total += step }
            instant += step
        }
        return Int(total)
    }
}
