import Foundation
import HandoffCore
import HandoffText

/// One owner at one instant: who they are, how loaded, whether they can take a lead now and why not.
struct OwnerView: Encodable {
    struct Away: Encodable {
        /// First and last local day away, inclusive.
        var from: String
        var until: String
    }

    var id: String
    var name: String
    var email: String?
    var active: Bool
    var timeZone: String
    var localTime: String
    var hours: String
    var open: Int
    var capacity: Int?
    var availability: String
    var availabilityText: String
    var weight: Int
    var pools: [String]
    var outOfOffice: [Away]

    init(_ owner: Owner, rulebook: Rulebook, open: Int, at now: Date) {
        let available = owner.availability(at: now)
        let local = owner.zone.local(now)
        id = owner.id
        name = owner.name
        email = owner.email
        active = owner.active
        timeZone = owner.zone.identifier
        localTime = "\(LocalTime.weekdayNames[local.weekday]) \(local.dateText) \(local.clockText)"
        hours = owner.hours.text
        self.open = open
        capacity = owner.capacity
        availability = available.code
        availabilityText = available.text
        weight = owner.weight
        pools = rulebook.pools.filter { $0.members.contains(owner.id) }.map(\.name)
        outOfOffice = owner.outOfOffice.map { Away(from: owner.zone.local($0.start).dateText, until: $0.lastDay) }
    }

    var load: String { capacity.map { "\(open)/\($0)" } ?? "\(open) open" }
}

/// `owners --json`.
struct OwnerListJSON: Encodable {
    var at: Date
    var rulebook: String
    var owners: [OwnerView]
}

/// The `owners` table.
enum OwnerTable {
    static func lines(_ owners: [OwnerView], style: TextStyle) -> [String] {
        let table = TextTable([
            .init("OWNER"), .init("NAME", maxWidth: 20), .init("LOAD", .right), .init("NOW"), .init("LOCAL TIME"),
            .init("OUT OF OFFICE"), .init("WEIGHT", .right), .init("POOLS"),
        ])
        let rows: [[TextTable.Cell]] = owners.map { o in
            let local = o.localTime.split(separator: " ")
            let away = o.outOfOffice.map { "\($0.from) to \($0.until)" }.joined(separator: ", ")
            return [
                .init(o.id), .init(o.name), .init(o.load), .init(o.availabilityText, colour(o.availability)),
                // Weekday and clock; the date is in --json.
                .init("\(local.first ?? "") \(local.last ?? "") \(o.timeZone)"), .init(away.isEmpty ? "-" : away),
                .init("\(o.weight)"), .init(o.pools.isEmpty ? "-" : o.pools.joined(separator: ", ")),
            ]
        }
        return table.render(rows, style: style)
    }

    private static func colour(_ code: String) -> TextStyle.Colour? {
        switch code {
        case "available": .green
        case "inactive": .dim
        default: .yellow
        }
    }
}
