// The floor for a console frame: ncursesw alone, headless, drawing a 200x50 lead table and pushing
// it out with doupdate, frame after frame, with a few rows changing each frame as a live desk would.
//
//   swift build -c release --product BareCurses && .build/release/BareCurses [frames]
//
// No Handoff code is involved: the cells are laid out once up front, so what is timed is ncurses'
// own work (copying cells into the window, comparing with the screen, writing escape sequences).
import CBareCurses
import Foundation
import Histogram

let frames = max(CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000, 1)
let warmup = 200
let rows: Int32 = 50, columns: Int32 = 200
let tableRows = 47

// MARK: Terminal, headless

if let locale = setlocale(LC_ALL, ""), String(cString: locale).uppercased().contains("UTF-8") == false,
   String(cString: locale).uppercased().contains("UTF8") == false {
    setlocale(LC_ALL, "C.UTF-8")
}
guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r"),
      let screen = newterm("xterm-256color", output, input) else {
    fatalError("newterm failed: is the xterm-256color terminfo entry installed?")
}
_ = set_term(screen)
// /dev/null always reads as ready, which ncurses would take for typeahead and cut updates short.
typeahead(-1)
start_color()
use_default_colors()
resizeterm(rows, columns)
guard let window = bare_stdscr() else { fatalError("no standard screen") }
leaveok(window, true)

// Six colour pairs: bars, header, row, selected row, flagged state, assigned state.
enum Pair: Int16 { case bar = 1, header, row, selected, flagged, assigned }
init_pair(Pair.bar.rawValue, 16, 180)
init_pair(Pair.header.rawValue, 252, 238)
init_pair(Pair.row.rawValue, 252, -1)
init_pair(Pair.selected.rawValue, 16, 117)
init_pair(Pair.flagged.rawValue, 203, -1)
init_pair(Pair.assigned.rawValue, 114, -1)

// MARK: Cells laid out once

/// `text` cut or padded to exactly `width` display columns (wide characters count two).
func cell(_ text: String, _ width: Int) -> [wchar_t] {
    var out = [wchar_t](), used = 0
    for scalar in text.unicodeScalars {
        let character = wchar_t(bitPattern: scalar.value)
        let w = max(Int(bare_wcwidth(character)), 0)
        if used + w > width { break }
        out.append(character)
        used += w
    }
    out += [wchar_t](repeating: 32, count: width - used)
    return out
}

/// SplitMix64: the same table on every run.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

let companies = [
    "Contoso AG", "Litware BV", "Tyrell Systems", "Umbrella SA", "Prestige Energy", "Zoë Industries",
    "株式会社タナカ精機", "Ærø Shipping ApS", "São Paulo Têxtil", "Müller & Söhne GmbH", "Łódź Metals",
    "Fabrikam Inc", "Northwind Traders", "Wingtip Toys", "Adventure Works", "Café Olé SARL", "北京数据科技有限公司",
    "Škoda Parts s.r.o.", "Trey Research", "Blue Yonder Airlines",
]
let countries = ["DE", "US", "GB", "BR", "JP", "DK", "PL", "FR", "CN", "CZ", "NL", "ES"]
let owners = ["ana", "ben", "chloe", "dmitri", "élodie", "fatima", "gustavo", "hiroshi", "ingrid", "jürgen", "(proposed) ben"]
let states = ["received", "assigned", "flagged", "accepted", "approved", "disqualified"]
let reasons = ["-", "no_route", "duplicate", "free_mail", "missing_field", "no_available_owner", "strategic"]

// Columns: id, company, country, owner, state, reason, received, note (to the right edge).
let widths = [12, 30, 9, 18, 14, 20, 22, Int(columns) - (12 + 30 + 9 + 18 + 14 + 20 + 22)]
let starts = widths.indices.map { widths[..<$0].reduce(0, +) }
let stateColumn = 4

struct Row {
    var fixed: [[wchar_t]]         // every column but the state
    var state: Int
}

var random = SeededRandom(state: 42)
var table = (0..<tableRows).map { index -> Row in
    let texts = [
        "L-" + String(repeating: "0", count: 7 - String(1_000 + index).count) + String(1_000 + index),
        random.pick(companies), random.pick(countries), random.pick(owners), "",
        random.pick(reasons), "2026-11-24T14:\(10 + index % 50):0\(index % 10)Z",
        "employees \(random.next() % 9_000 + 1)  source web-form  rulebook e4f16683c00a  v\(index % 5 + 1)",
    ]
    return Row(fixed: texts.enumerated().map { cell($0.element, widths[$0.offset]) }, state: Int(random.next() % UInt64(states.count)))
}
let stateCells = states.map { cell($0, widths[stateColumn]) }
let title = cell(" Handoff desk: Acme inbound (e4f16683c00a)  queue 0  flagged 12  assigned 31  owners 11 at work", Int(columns))
let header = cell(
    zip(["LEAD", "COMPANY", "COUNTRY", "OWNER", "STATE", "REASON", "RECEIVED", "DETAIL"], widths).map { name, width in
        name.padding(toLength: width, withPad: " ", startingAt: 0)
    }.joined(),
    Int(columns)
)
let statusCells = (0..<60).map { second in
    cell(" j/k move  a approve  r reassign  d disqualify  / filter  ? help   |  14:30:\(String(format: "%02d", second)) UTC  47 of 1,000 leads", Int(columns))
}

// MARK: One frame

@MainActor @inline(__always)
func put(_ cells: [wchar_t], _ y: Int32, _ x: Int, _ attributes: attr_t, _ pair: Pair) {
    wattr_set(window, attributes, pair.rawValue, nil)
    cells.withUnsafeBufferPointer { _ = mvwaddnwstr(window, y, Int32(x), $0.baseAddress, Int32($0.count)) }
}

/// Every cell of the frame into the window; nothing reaches the terminal yet.
@MainActor func draw(frame: Int) {
    put(title, 0, 0, bare_a_bold(), .bar)
    put(header, 1, 0, bare_a_bold() | bare_a_underline(), .header)
    let selected = frame % tableRows
    for (index, row) in table.enumerated() {
        let y = Int32(2 + index)
        let isSelected = index == selected
        for column in widths.indices {
            if column == stateColumn {
                let state = states[row.state]
                let pair: Pair = isSelected ? .selected : state == "flagged" ? .flagged : state == "assigned" ? .assigned : .row
                put(stateCells[row.state], y, starts[column], state == "flagged" ? bare_a_bold() : bare_a_normal(), pair)
            } else {
                let attributes = column == 6 ? bare_a_dim() : bare_a_normal()
                put(row.fixed[column], y, starts[column], isSelected ? bare_a_bold() : attributes, isSelected ? .selected : .row)
            }
        }
    }
    put(statusCells[(frame / 100) % statusCells.count], rows - 1, 0, bare_a_normal(), .bar)
}

/// The window to ncurses' picture of the screen, then the difference out to the terminal.
@MainActor func present() {
    wnoutrefresh(window)
    doupdate()
}

/// Three leads move on each frame, as routing and operators act; with the selection moving too,
/// about five table rows differ from the previous frame.
@MainActor func liveUpdate(frame: Int) {
    for step in 0..<3 {
        let index = (frame &* 7 &+ step &* 13) % tableRows
        table[index].state = (table[index].state + 1) % states.count
    }
}

// MARK: Measure

func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

var whole = Histogram<UInt64>(highestTrackableValue: 10_000_000_000, numberOfSignificantValueDigits: .three)
var update = Histogram<UInt64>(highestTrackableValue: 10_000_000_000, numberOfSignificantValueDigits: .three)
for frame in 0..<warmup {
    liveUpdate(frame: frame)
    draw(frame: frame)
    present()
}
let started = nanoseconds()
for frame in warmup..<(warmup + frames) {
    liveUpdate(frame: frame)
    let start = nanoseconds()
    draw(frame: frame)
    let drawn = nanoseconds()
    present()
    let end = nanoseconds()
    _ = whole.record(end - start)
    _ = update.record(end - drawn)
}
let elapsed = nanoseconds() - started

// The first lead row read back from the window: the frame holds what was drawn.
var readBack = [wchar_t](repeating: 0, count: Int(columns) + 1)
let readCount = readBack.withUnsafeMutableBufferPointer { mvwinnwstr(window, 2, 0, $0.baseAddress, columns) }
let sample = String(String.UnicodeScalarView(readBack.prefix(Int(max(readCount, 0))).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))

endwin()
delscreen(screen)
fclose(output)
fclose(input)

func micro(_ value: UInt64) -> String { String(format: "%.1f µs", Double(value) / 1_000) }
print("BareCurses: \(frames) frames of \(columns)x\(rows) (title, header, \(tableRows) lead rows, status), 6 colour pairs,")
print("about 5 rows changed a frame; ncursesw headless as xterm-256color, output to /dev/null")
print("frame (draw all cells + wnoutrefresh + doupdate):")
print("  p50 \(micro(whole.valueAtPercentile(50)))  p90 \(micro(whole.valueAtPercentile(90)))  p99 \(micro(whole.valueAtPercentile(99)))  max \(micro(whole.max))  mean \(String(format: "%.1f µs", whole.mean / 1_000))")
print("  \(String(format: "%.0f", Double(frames) / (Double(elapsed) / 1e9))) frames/s")
print("of which wnoutrefresh + doupdate:")
print("  p50 \(micro(update.valueAtPercentile(50)))  p90 \(micro(update.valueAtPercentile(90)))  p99 \(micro(update.valueAtPercentile(99)))  max \(micro(update.max))")
print("first lead row reads back: \(sample.trimmingCharacters(in: .whitespaces).prefix(90))")
