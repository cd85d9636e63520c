import Foundation
import Testing
import HandoffDesk
@testable import HandoffConsole

/// Company size reads the same whatever the CRM wrote, and sorts by its value.
@Suite struct LeadSizeTests {
    @Test func sizesAreShownAlike() {
        #expect(LeadRowCells.size("1999") == "1,999")
        #expect(LeadRowCells.size("1,999") == "1,999")
        #expect(LeadRowCells.size("1.2k") == "1,200")
        #expect(LeadRowCells.size("27720") == "27,720")
        #expect(LeadRowCells.size("120,400") == "120k")
        #expect(LeadRowCells.size("1.25M") == "1.2M")
        #expect(LeadRowCells.size("lots") == "lots")
    }

    @Test func sizesSortByValue() {
        let size = Columns.incoming.first { $0.title == "SIZE" }!
        let rows = ["1.2k", "950", "12,000", "lots"].enumerated().map { i, employees in
            LeadRow(id: "L-\(i)", receivedAt: Date(timeIntervalSince1970: 0), employees: employees, state: .received, updatedAt: Date(timeIntervalSince1970: 0))
        }
        let sorted = rows.sorted { size.sortKey($0) < size.sortKey($1) }.map(\.employees)
        #expect(sorted == ["950", "1.2k", "12,000", "lots"])
    }
}
