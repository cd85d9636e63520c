import HandoffCore
import Testing
@testable import HandoffConsole

@Suite struct ThemeStyleTests {
    let theme = Theme(name: "t", roles: [
        .plain: RoleStyle(foreground: .basic(7), background: .basic(0)),
        "reason": RoleStyle(foreground: .basic(3)),
        .reason(.slaBreached): RoleStyle(foreground: .basic(9), attributes: .bold),
        .header: RoleStyle(background: .basic(4), attributes: .bold),
        .headerPulse: RoleStyle(foreground: .basic(6)),
    ])

    @Test func dottedRolesFallBackToTheirParentThenThePlainRow() {
        #expect(StyleRole.reason(.slaBreached).parent == "reason")
        #expect(StyleRole("reason").parent == .plain)
        #expect(StyleRole.plain.parent == nil)
        #expect(StyleRole.tableHeading.parent == "table")
        #expect(StyleRole("table").parent == .plain)

        #expect(theme.style(.reason(.slaBreached)) == CellStyle(foreground: .basic(9), background: .basic(0), attributes: .bold))
        #expect(theme.style(.reason(.noRoute)) == CellStyle(foreground: .basic(3), background: .basic(0)))
        #expect(theme.style(.state(.flagged)) == CellStyle(foreground: .basic(7), background: .basic(0)))
        #expect(theme.style(.tableHeading) == theme.style(.plain))
    }

    @Test func aRoleKeepsWhatItLeavesOutFromItsParent() {
        #expect(theme.style(.headerPulse) == CellStyle(foreground: .basic(6), background: .basic(4), attributes: .bold))
    }

    @Test func everyThemeableRoleIsPreparedAhead() {
        for role in StyleRole.known { #expect(theme.styles[role] != nil, "\(role)") }
        for state in LeadState.allCases { #expect(theme.styles[.state(state)] != nil) }
        for reason in ExceptionReason.allCases { #expect(theme.styles[.reason(reason)] != nil) }
    }

    @Test func rolesNobodyPreparedStillWalkUpTheirParents() {
        #expect(theme.styles["reason.something_new.detail"] == nil)
        #expect(theme.style("reason.something_new.detail") == theme.style("reason"))
        #expect(theme.style("unheard.of") == theme.style(.plain))
    }

    @Test func themeableListsEveryRoleOnceWithItsPrefixes() {
        let names = StyleRole.themeable.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for expected in ["table.row", "table", "load", "status", "hint", "state", "state.merged", "reason", "reason.manual"] {
            #expect(names.contains(expected), "\(expected)")
        }
    }
}
