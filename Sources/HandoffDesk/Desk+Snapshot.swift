import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Everything the console shows now. Call it off the UI thread; it reads the store once.
    ///
    /// The first call builds running figures (counts by state and reason, open assignments, per-minute
    /// and per-owner-day figures) from a baseline; every later call reads only the log entries written
    /// since, the rows the two lists show, and the owners' open loads. Calls are serialized.
    public func snapshot(_ query: SnapshotQuery = SnapshotQuery()) throws -> DeskSnapshot {
        let rulebook = self.rulebook
        let now = clock()
        let asked = query
        let query = query.normalized
        let showsExceptions = query.state == nil || query.state == .flagged
        let recentCapacity = Self.recentEventsKept

        return try console.withLock { kept in
            var tally: ConsoleTally
            if let existing = kept {
                tally = existing
            } else {
                tally = try makeTally(rulebook: rulebook, at: now, recentCapacity: recentCapacity)
            }
            // The running totals answer "how many" for the lists they can; the store counts the rest.
            func request(_ tally: ConsoleTally) -> ConsoleRequest {
                var lists = [query.list(order: .newest, window: query.incoming, total: query.incomingTotal(tally))]
                if showsExceptions { lists.append(query.list(order: .longestFlagged, window: query.exceptions, total: query.exceptionsTotal(tally))) }
                return ConsoleRequest(
                    afterEvent: tally.latestEvent, recentEvents: tally.recent.capacity, lists: lists, countLimit: query.countLimit,
                    events: query.activity)
            }
            var readout = try store.consoleRead(request(tally))
            if !readout.factsComplete {
                // Far behind (a big import since the last look): starting again is cheaper than catching up.
                tally = try makeTally(rulebook: rulebook, at: now, recentCapacity: tally.recent.capacity)
                readout = try store.consoleRead(request(tally))
            }
            if readout.factsComplete {
                for fact in readout.facts { tally.apply(fact) }
                tally.recent.append(readout.recent)
                tally.latestEvent = max(tally.latestEvent, readout.latestEvent)
            }
            if !readout.facts.isEmpty, query.incomingTotal(tally) != nil || query.exceptionsTotal(tally) != nil {
                // Entries arrived since the tally was last brought up to date: read the pages again
                // against totals that include them, so the count and the page agree.
                readout = try store.consoleRead(request(tally))
                for fact in readout.facts { tally.apply(fact) }
                tally.recent.append(readout.recent)
                tally.latestEvent = max(tally.latestEvent, readout.latestEvent)
            }
            tally.quarantined = readout.quarantined
            kept = tally

            let incoming = readout.lists[0]
            let exceptions = showsExceptions ? readout.lists[1] : ListPage(offset: 0, rows: [], total: 0)
            var snapshot = DeskSnapshot(
                takenAt: now, generation: readout.generation, rulebookName: rulebook.name, rulebookVersion: rulebook.version,
                incoming: incoming.rows.map { LeadRow($0, rulebook: rulebook) },
                exceptions: try Self.withClaims(exceptions.rows.map { LeadRow($0, rulebook: rulebook) }, store: store),
                exceptionsTotal: exceptions.total,
                owners: Self.ownerRows(rulebook, tally: tally, openLoad: readout.openLoad, ledger: try currentLedger(), at: now),
                activity: readout.events.rows,
                counts: tally.counts(events: tally.latestEvent),
                queueDepth: tally.byState[.received] ?? 0,
                minutes: tally.minutes.chart(at: now),
                slaBreaches: tally.breaches(at: now, rulebook: rulebook),
                incomingTotal: incoming.total,
                activityTotal: readout.events.total
            )
            // As asked, so the console can tell the answer to its newest query from an older one.
            snapshot.query = asked
            snapshot.incomingOffset = incoming.offset
            snapshot.incomingTotalCapped = incoming.capped
            snapshot.exceptionsOffset = exceptions.offset
            snapshot.exceptionsTotalCapped = exceptions.capped
            snapshot.activityOffset = readout.events.offset
            return snapshot
        }
    }

    /// One lead in full for the detail pane: its record and every log entry about it, oldest first.
    public func detail(_ leadId: String) throws -> LeadDetail? {
        guard let record = try store.lead(leadId) else { return nil }
        return LeadDetail(record: record, events: try store.events(lead: leadId, after: 0, limit: Int(Int32.max)),
                          claim: record.state == .flagged ? try store.claims(on: [leadId])[leadId] : nil)
    }

    /// The rows with the claims in force on them (one read for the page).
    static func withClaims(_ rows: [LeadRow], store: any LeadStore) throws -> [LeadRow] {
        let claims = try store.claims(on: rows.map(\.id))
        guard !claims.isEmpty else { return rows }
        return rows.map { row in
            var row = row
            row.claim = claims[row.id]
            return row
        }
    }

    /// Log entries kept in full for the activity list, at least.
    static let recentEventsKept = 500

    private func makeTally(rulebook: Rulebook, at now: Date, recentCapacity: Int) throws -> ConsoleTally {
        let chart = MinuteTally.firstMinute(at: now)
        let baseline = try store.consoleBaseline(
            handoffsSince: ConsoleTally.handoffsSince(at: now, rulebook: rulebook), minutesFrom: chart, minutes: MinuteTally.shown,
            recentEvents: recentCapacity)
        return ConsoleTally(baseline: baseline, minutesFrom: chart, rulebook: rulebook, recentCapacity: recentCapacity)
    }

    static func ownerRows(_ rulebook: Rulebook, tally: ConsoleTally, openLoad: [String: Int], ledger: PoolLedger, at now: Date) -> [OwnerRow] {
        var pools: [String: [String]] = [:]
        for pool in rulebook.pools {
            for member in pool.members { pools[member, default: []].append(pool.name) }
        }
        var shares: [String: OwnerShare] = [:]
        for pool in Fairness.ledger(rulebook, ledger) where pool.method != .accountOwner {
            for m in pool.members {
                let sum = shares[m.owner] ?? OwnerShare(got: 0, due: 0)
                shares[m.owner] = OwnerShare(got: sum.got + Double(m.assigned) + m.forgiven, due: sum.due + m.share)
            }
        }
        return rulebook.owners.enumerated().map { i, owner in
            let local = owner.zone.local(now)
            // In time order, so the window in force comes first whoever set it.
            let away = owner.outOfOffice.filter { $0.end > now }.sorted { $0.start < $1.start }.map { "\(owner.zone.local($0.start).dateText)..\($0.lastDay)" }
            let day = tally.days[i]
            return OwnerRow(
                id: owner.id, name: owner.name, zone: owner.zone.identifier,
                localTime: "\(LocalTime.weekdayNames[local.weekday]) \(local.clockText)",
                open: openLoad[owner.id] ?? 0, capacity: owner.capacity, availability: owner.availability(at: now),
                outOfOffice: away, assignedToday: day.assignedToday(at: now), acceptMedian: day.acceptMedian(at: now),
                pools: pools[owner.id] ?? []
            ).with(share: shares[owner.id])
        }
    }
}

extension SnapshotQuery {
    /// Blank filters dropped, the country as an upper-case code.
    var normalized: SnapshotQuery {
        func clean(_ text: String?) -> String? {
            guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        var query = self
        query.owner = clean(owner)
        query.country = clean(country)?.uppercased()
        query.route = clean(route)
        query.text = clean(text)
        return query
    }

    func list(order: LeadListQuery.Order, window: ListWindow, total: Int?) -> LeadListQuery {
        LeadListQuery(
            state: state, owner: owner, reason: reason, country: country, route: route, text: text, order: order, sort: window.sort,
            offset: window.offset, anchor: window.anchor, above: window.above, fromEnd: window.fromEnd, limit: window.limit, total: total)
    }

    /// Whether the filter narrows by a field the running totals do not count by.
    var needsCounting: Bool { owner != nil || country != nil || route != nil || text != nil }

    /// The Incoming list's count when the running totals know it.
    func incomingTotal(_ tally: ConsoleTally) -> Int? {
        guard !needsCounting else { return nil }
        switch (state, reason) {
        case (nil, nil): return tally.byState.values.reduce(0, +)
        case (let state?, nil): return tally.byState[state] ?? 0
        // Only flagged leads carry a reason.
        case (nil, let reason?), (.flagged?, let reason?): return tally.flaggedByReason[reason] ?? 0
        default: return 0
        }
    }

    /// The Exceptions list's count when the running totals know it.
    func exceptionsTotal(_ tally: ConsoleTally) -> Int? {
        guard !needsCounting else { return nil }
        if let reason { return tally.flaggedByReason[reason] ?? 0 }
        return tally.byState[.flagged] ?? 0
    }
}

extension LeadRow {
    /// A list row from the store's summary. An assigned lead is due `accept_within` of its owner's working
    /// time after its newest log entry; a flagged one the same in wall time (operators keep no hours here).
    init(_ lead: LeadSummary, rulebook: Rulebook) {
        let names = [lead.firstName, lead.lastName].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let waiting = lead.state == .assigned || lead.state == .flagged
        self.init(
            id: lead.id, receivedAt: lead.receivedAt, company: lead.company, name: names.isEmpty ? nil : names.joined(separator: " "),
            email: lead.email, country: lead.country, employees: lead.employees, route: lead.route, owner: lead.owner,
            state: lead.state, reason: lead.reason, version: lead.version, updatedAt: lead.updatedAt,
            slaDue: !waiting ? nil : lead.state == .assigned
                ? rulebook.acceptBy(owner: lead.owner, route: lead.route, since: lead.updatedAt)
                : rulebook.sla(forRoute: lead.route).map { lead.updatedAt.addingTimeInterval(Double($0.acceptWithin)) }
        )
    }
}
