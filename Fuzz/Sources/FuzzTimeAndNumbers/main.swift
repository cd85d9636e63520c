import FuzzContract
import Foundation
import HandoffCore
import HandoffText

/// The command line's times and durations (`--now`, `--last`, HANDOFF_NOW, absence days): each is read
/// or refused, never crashes, and what is read is a finite value that writes back as itself.
fuzz { bytes in
    let input = text(bytes)
    if let date = InstantText.parse(input) {
        require(date.timeIntervalSince1970.isFinite, "\(input) read as a time that is not finite")
        let written = InstantText.format(date)
        let again = InstantText.parse(written)
        // Whole seconds are written, so a fractional time reads back to within a second.
        require(again.map { abs($0.timeIntervalSince(date)) < 1 } ?? false, "\(input) read as \(date), written as \(written), which reads back as \(String(describing: again))")
    }
    if let seconds = DurationText.seconds(input) {
        require(seconds > 0, "\(input) read as \(seconds) seconds")
        require(DurationText.seconds(DurationText.text(seconds)) == seconds, "\(input) read as \(seconds) seconds, written as \(DurationText.text(seconds))")
    }
    if let day = CalendarDay(input) {
        require(CalendarDay(day.description) == day, "\(input) read as the day \(day), which does not read back")
    }
}
