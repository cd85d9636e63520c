/// One pool's members as the router judged them for one lead: loads, shares and turn at that moment,
/// and who won. It picks the owner, and afterwards says why each other member was passed over.
///
/// The trace keeps the standing rather than a verdict per member: the verdicts are worked out when the
/// trace is read (shown, compared, stored), from the same numbers the choice was made on, by the same
/// comparisons. Ties break as documented in docs/RULEBOOK.md: round robin by turn order, weighted by
/// how far a member is behind their share then member order, load balanced by the lower open /
/// capacity then fewer open leads then member order.
///
/// One allocation holds it all: the frame's reference and the scalars in the header, then open loads,
/// leads given and thousandths forgiven by member position. The numbers are copied in, so the routing
/// state's arrays are not shared with the decision and its next assignment does not copy them. The same
/// object is the decision's record of the pool's turn and shares (`DecisionInputs`).
//
// Sendable unchecked, as `ManagedBuffer` is not Sendable. Safe because the buffer is never written
// after it is shared: `buffer` is private; `judge` creates it and writes the header and numbers (also
// through `pick`, called only from `judge`) before returning the standing, the only way one is made;
// every other member reads, getting the header as a copy and the numbers through `Numbers`, which
// holds a read-only pointer. Concurrent readers of memory nobody writes cannot race, and the buffer's
// reference count is atomic like any object's.
struct PoolStanding: @unchecked Sendable { // safe: written only by `judge`, before it is shared (above)
    private let buffer: ManagedBuffer<StandingHead, Int>

    /// Judges `frame`'s members for one lead, from open loads by owner index and the pool's ledger by
    /// member position.
    static func judge(_ frame: PoolFrame, openLoad: [Int], given: [Int], forgiven: [Int], cursor: Int) -> PoolStanding {
        let n = frame.members.count
        let method = frame.method
        let buffer = ManagedBuffer<StandingHead, Int>.create(minimumCapacity: 3 * n) { _ in
            StandingHead(frame: frame, cursor: cursor, start: method == .roundRobin && n > 0 ? cursor % n : 0)
        }
        buffer.withUnsafeMutablePointers { head, numbers in
            frame.members.withUnsafeBufferPointer { members in
                for pos in 0..<n { numbers[pos] = openLoad[members[pos]] }
            }
            // The ledger has a line per member; a shorter one (never in practice) reads as zeros.
            (numbers + n).initialize(repeating: 0, count: 2 * n)
            given.withUnsafeBufferPointer { if let b = $0.baseAddress { (numbers + n).update(from: b, count: min(n, $0.count)) } }
            forgiven.withUnsafeBufferPointer { if let b = $0.baseAddress { (numbers + 2 * n).update(from: b, count: min(n, $0.count)) } }
            if frame.sharesMatter {
                var received = 0
                for pos in 0..<n { received += numbers[n + pos] * 1_000 + numbers[2 * n + pos] }
                head.pointee.received = received
            }
            pick(head, Numbers(base: UnsafePointer(numbers), n: n))
        }
        return PoolStanding(buffer: buffer)
    }

    /// Who can take the lead, and who of them wins (the winner's score kept, not worked out again).
    /// One loop per method over plain pointers: it runs for every member of every pool consulted.
    private static func pick(_ head: UnsafeMutablePointer<StandingHead>, _ numbers: Numbers) {
        let frame = head.pointee.frame, n = numbers.n
        var best = -1, bestScore = (0, 0), anyAway = false
        frame.isAway.withUnsafeBufferPointer { away in
            frame.capacity.withUnsafeBufferPointer { capacity in
                frame.weight.withUnsafeBufferPointer { weight in
                    let loads = numbers.base, given = numbers.base + n, forgiven = numbers.base + 2 * n
                    switch frame.method {
                    case .loadBalanced:
                        let h = head.pointee
                        for pos in 0..<n {
                            if away[pos] { anyAway = true; continue }
                            if loads[pos] >= capacity[pos] { continue }
                            if best < 0 || h.lighter(pos, than: best, numbers) == true { best = pos }
                        }
                    case .roundRobin where !frame.sharesMatter, .accountOwner:
                        // In turn: the first member from the turn on who can take the lead wins.
                        let start = head.pointee.start
                        for k in 0..<n {
                            let pos = start + k < n ? start + k : start + k - n
                            if away[pos] { anyAway = true; continue }
                            if loads[pos] >= capacity[pos] { continue }
                            best = pos
                            bestScore = (k, 0)
                            break
                        }
                    case .weighted, .roundRobin:
                        // Shares decide: weighted always; round robin (catching up) for a member more than a
                        // whole lead behind, who goes before the turn, the furthest first.
                        let received = head.pointee.received, total = frame.totalWeight, start = head.pointee.start
                        let weighted = frame.method == .weighted
                        for pos in 0..<n {
                            if away[pos] { anyAway = true; continue }
                            if loads[pos] >= capacity[pos] { continue }
                            // How far behind their share of the next lead, times the pool's total weight.
                            let behind = (received + 1_000) * weight[pos] - total * (given[pos] * 1_000 + forgiven[pos])
                            let s = weighted || behind > 1_000 * total ? (-behind, 0) : ((pos - start + n) % n, 0)
                            if best < 0 || s < bestScore { best = pos; bestScore = s }
                        }
                    }
                }
            }
        }
        head.pointee.best = best
        head.pointee.bestScore = bestScore
        head.pointee.capacityOnly = n > 0 && best < 0 && !anyAway
    }

    // The header is read through its pointer: `header` is a class property, and each access to it is
    // checked for exclusivity at run time.
    var frame: PoolFrame { buffer.withUnsafeMutablePointerToHeader { $0.pointee.frame } }
    var count: Int { buffer.withUnsafeMutablePointerToHeader { $0.pointee.frame.members.count } }
    /// The winning member position (-1: nobody could take the lead).
    var best: Int { buffer.withUnsafeMutablePointerToHeader { $0.pointee.best } }
    /// True when every member was passed over for capacity alone.
    var capacityOnly: Bool { buffer.withUnsafeMutablePointerToHeader { $0.pointee.capacityOnly } }

    /// Reads the numbers in place.
    @inline(__always)
    func read<T>(_ body: (StandingHead, Numbers) -> T) -> T {
        buffer.withUnsafeMutablePointers { head, numbers in body(head.pointee, Numbers(base: UnsafePointer(numbers), n: head.pointee.frame.members.count)) }
    }

    /// The member at `pos` as a candidate: open load, capacity, and the first reason they were passed over.
    func candidate(_ pos: Int) -> (owner: Int, open: Int, capacity: Int?, verdict: CandidateList.Verdict) {
        read { h, numbers in
            let frame = h.frame
            let o = frame.members[pos]
            let open = numbers.load(pos), cap = frame.capacity[pos]
            let shownCapacity = cap == Int.max ? nil : cap
            let verdict: CandidateList.Verdict
            if frame.isAway[pos] {
                verdict = .away
            } else if open >= cap {
                verdict = .atCapacity(open: open, capacity: cap)
            } else if pos == h.best {
                verdict = .chosen
            } else {
                switch frame.method {
                case .roundRobin:
                    verdict = h.score(pos, numbers).0 < 0 || h.bestScore.0 < 0 ? .aheadOfShare(assigned: numbers.given(pos), weight: 1) : .notNextInTurn
                case .weighted:
                    verdict = h.score(pos, numbers) == h.bestScore ? .tiedLaterInOrder : .aheadOfShare(assigned: numbers.given(pos), weight: frame.weight[pos])
                case .loadBalanced, .accountOwner:
                    verdict = h.lighter(pos, than: h.best, numbers) == nil ? .tiedLaterInOrder : .higherLoad(open: open, capacity: shownCapacity)
                }
            }
            return (o, open, shownCapacity, verdict)
        }
    }

    /// The pool's turn and shares as the router read them (the decision's inputs).
    var input: PoolInput {
        read { h, numbers in
            let n = numbers.n
            return PoolInput(
                pool: h.frame.name, cursor: h.cursor,
                assigned: Array(UnsafeBufferPointer(start: numbers.base + n, count: n)),
                excused: Array(UnsafeBufferPointer(start: numbers.base + 2 * n, count: n))
            )
        }
    }
}

/// A standing's scalars: its frame, the turn, the pool's leads received, and the winner.
struct StandingHead {
    let frame: PoolFrame
    /// The pool's turn as stored (round robin), and the member position it points at.
    let cursor: Int
    let start: Int
    /// Leads received through the pool in thousandths, summed over the members (when shares matter).
    var received = 0
    var best = -1
    var bestScore = (0, 0)
    var capacityOnly = false

    /// How far behind their share of the next lead a member is, times the pool's total weight.
    @inline(__always)
    func behind(_ pos: Int, _ numbers: Numbers) -> Int {
        (received + 1_000) * frame.weight[pos] - frame.totalWeight * numbers.received(pos)
    }

    /// The method's score for an eligible member: lower wins, ties go to the earlier position.
    @inline(__always)
    func score(_ pos: Int, _ numbers: Numbers) -> (Int, Int) {
        switch frame.method {
        case .roundRobin:
            // Catching up: a member more than a whole lead behind goes before the turn, the furthest first.
            if frame.sharesMatter, behind(pos, numbers) > 1_000 * frame.totalWeight { return (-behind(pos, numbers), 0) }
            let n = numbers.n
            return ((pos - start + n) % n, 0)
        case .weighted: return (-behind(pos, numbers), 0)
        default: return (0, 0)
        }
    }

    /// Load balanced: open / capacity compared by cross-multiplying; nil when exactly tied.
    @inline(__always)
    func lighter(_ a: Int, than b: Int, _ numbers: Numbers) -> Bool? {
        let ca = frame.capacity[a] == Int.max ? frame.largestCapacity : frame.capacity[a]
        let cb = frame.capacity[b] == Int.max ? frame.largestCapacity : frame.capacity[b]
        let la = numbers.load(a), lb = numbers.load(b)
        if la * cb != lb * ca { return la * cb < lb * ca }
        if la != lb { return la < lb }
        return nil
    }
}

/// A standing's numbers by member position: open loads, then leads given, then thousandths forgiven.
struct Numbers {
    /// Read-only: a standing's numbers are written by `judge` alone.
    let base: UnsafePointer<Int>
    let n: Int

    @inline(__always) func load(_ pos: Int) -> Int { base[pos] }
    @inline(__always) func given(_ pos: Int) -> Int { base[n + pos] }
    @inline(__always) func forgiven(_ pos: Int) -> Int { base[2 * n + pos] }
    /// Leads received through the pool in thousandths, counting what the catch-up policy forgave.
    @inline(__always) func received(_ pos: Int) -> Int { given(pos) * 1_000 + forgiven(pos) }
}
