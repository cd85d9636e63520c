/// The numbers a coded decision gives enum cases. They are part of the stored format: a case keeps its
/// number for good, and a new case takes an unused one (a number that changes meaning needs a new
/// format byte).
enum DecisionCodeTags {
    enum Step: UInt8 {
        case unreadable = 0, notReady, duplicate, account, route, noRoute, misses, fallbackPool, handover, pool
    }

    /// A candidate's verdict: no reason (chosen), or why they were passed over. Capacity and load reasons
    /// that repeat the candidate's own open load and capacity, as the router's always do, have a tag
    /// without the numbers.
    enum Pass: UInt8 {
        case chosen = 0, inactive, outOfOffice, holiday, paused, offHours
        case atCapacity, atOwnCapacity
        case notNextInTurn, aheadOfShare
        case higherLoad, higherLoadWithCapacity, higherOwnLoad
        case tiedLaterInOrder, previousOwner
    }

    /// In a candidate's shape byte, above the pass tag (which takes the low four bits).
    static let candidateHasCapacity: UInt8 = 0x10
    static let passMask: UInt8 = 0x0F

    static func tag(_ reason: ExceptionReason) -> UInt8 {
        switch reason {
        case .missingField: 0
        case .invalidEmail: 1
        case .freeEmail: 2
        case .duplicateSuspect: 3
        case .noRoute: 4
        case .noAvailableOwner: 5
        case .overCapacity: 6
        case .reviewRequired: 7
        case .slaBreached: 8
        case .manual: 9
        }
    }

    static func exceptionReason(_ tag: UInt8) -> ExceptionReason? {
        switch tag {
        case 0: .missingField
        case 1: .invalidEmail
        case 2: .freeEmail
        case 3: .duplicateSuspect
        case 4: .noRoute
        case 5: .noAvailableOwner
        case 6: .overCapacity
        case 7: .reviewRequired
        case 8: .slaBreached
        case 9: .manual
        default: nil
        }
    }

    static func tag(_ method: DistributionMethod) -> UInt8 {
        switch method {
        case .roundRobin: 0
        case .weighted: 1
        case .loadBalanced: 2
        case .accountOwner: 3
        }
    }

    static func method(_ tag: UInt8) -> DistributionMethod? {
        switch tag {
        case 0: .roundRobin
        case 1: .weighted
        case 2: .loadBalanced
        case 3: .accountOwner
        default: nil
        }
    }

    static func tag(_ mode: RouteMode) -> UInt8 {
        switch mode {
        case .auto: 0
        case .review: 1
        }
    }

    static func mode(_ tag: UInt8) -> RouteMode? {
        switch tag {
        case 0: .auto
        case 1: .review
        default: nil
        }
    }
}
