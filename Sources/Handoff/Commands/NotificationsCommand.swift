import ArgumentParser
import Foundation
import HandoffStore
import HandoffText

/// `handoff notifications`: the outbox of SLA notices, and delivering them through a command.
struct NotificationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "List the SLA timer's notices (reminders, breaches, re-routes) and deliver them through a command.",
        discussion: """
            With `notify: true` in an SLA policy, every reminder, breach and re-route puts notices in the \
            database's outbox in the same transaction as its event: the owner (and, for a breach, \
            "operators"; for a re-route, the new owner too). Without options the notices not delivered yet \
            are listed; --all lists every one.

            --deliver CMD runs CMD with /bin/sh once per pending notice, oldest first, the notice as one \
            line of JSON on standard input and in the environment (HANDOFF_NOTICE_KIND, _TO, _EMAIL, \
            _SUBJECT, _BODY, _LEAD). Exit status 0 marks it delivered; anything else (or 30 seconds without \
            finishing) records the attempt and its error, and the notice is tried again next time. With \
            --follow, it keeps delivering as new notices arrive until interrupted. For example: \
            handoff notifications --deliver 'mail -s "$HANDOFF_NOTICE_SUBJECT" "$HANDOFF_NOTICE_EMAIL"'

            Exit codes: 0 success (every notice delivered), 1 some deliveries failed, 2 the database could \
            not be read, 64 the command line is wrong.
            """
    )

    @Flag(help: "List delivered notices too.")
    var all = false

    @Option(help: ArgumentHelp("Deliver each pending notice by running this shell command.", valueName: "command"))
    var deliver: String?

    @Flag(help: "With --deliver: keep delivering new notices as they arrive.")
    var follow = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if follow && deliver == nil { throw ValidationError("--follow needs --deliver COMMAND.") }
    }

    func run() throws {
        let store = try database.openExisting(writing: deliver != nil)
        let now = try clock.clock()
        guard let deliver else {
            let notices = try StoreFailure.guarded { try store.notices(pendingOnly: !all, after: 0, limit: 1_000) }
            if output.json {
                print(JSONOutput.document(NoticeListJSON(notices: notices.map(NoticeJSON.init))))
            } else if notices.isEmpty {
                let any = all ? false : !(try StoreFailure.guarded { try store.notices(pendingOnly: false, after: 0, limit: 1) }).isEmpty
                print(any ? "Nothing to deliver: every notice was delivered (--all lists them)."
                          : "No notices yet: an SLA policy with notify: true puts them here as it reminds, reroutes and flags.")
            } else {
                for line in NoticeTable.lines(notices, style: output.style) { print(line) }
            }
            return
        }
        if follow { Interrupt.install() }
        var failed = 0, delivered = 0
        repeat {
            for stored in try StoreFailure.guarded({ try store.notices(pendingOnly: true, after: 0, limit: 1_000) }) {
                if Interrupt.wasRequested { break }
                let error = NoticeDelivery.run(deliver, stored)
                try StoreFailure.guarded { try store.recordDelivery(stored.seq, at: now(), error: error) }
                if let error {
                    failed += 1
                    Console.error("handoff: \(stored.leadId) \(stored.notice.kind) to \(stored.notice.recipient) not delivered: \(error)")
                } else {
                    delivered += 1
                    print("delivered \(stored.notice.kind) to \(stored.notice.recipient): \(stored.notice.subject)")
                }
            }
            if follow { usleep(500_000) }
        } while follow && !Interrupt.wasRequested
        if !follow { print("\(counted(delivered, "notice")) delivered, \(failed) failed.") }
        if failed > 0 { throw ExitCode.failure }
    }
}

/// Runs the delivery command for one notice.
enum NoticeDelivery {
    /// Nil when the command succeeded; otherwise what went wrong.
    static func run(_ command: String, _ stored: StoredNotice) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        let n = stored.notice
        environment["HANDOFF_NOTICE_KIND"] = n.kind
        environment["HANDOFF_NOTICE_TO"] = n.recipient
        environment["HANDOFF_NOTICE_EMAIL"] = n.email ?? ""
        environment["HANDOFF_NOTICE_SUBJECT"] = n.subject
        environment["HANDOFF_NOTICE_BODY"] = n.body
        environment["HANDOFF_NOTICE_LEAD"] = stored.leadId
        process.environment = environment
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return "could not start /bin/sh: \(error)"
        }
        // A command that does not read its input closes the pipe early: that is not a failure (and,
        // with SIGPIPE ignored, not a crash either).
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data((JSONOutput.line(NoticeJSON(stored)) + "\n").utf8))
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return "the command did not finish within 30 seconds"
        }
        guard process.terminationStatus == 0 else {
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return "exit status \(process.terminationStatus)" + (said.isEmpty ? "" : ": " + said.prefix(200))
        }
        return nil
    }
}

/// The text form.
enum NoticeTable {
    static func lines(_ notices: [StoredNotice], style: TextStyle) -> [String] {
        let table = TextTable([.init("CREATED"), .init("LEAD"), .init("KIND"), .init("TO"), .init("SUBJECT", maxWidth: 60), .init("STATUS")])
        return table.render(notices.map { s in
            let status: TextTable.Cell = if let at = s.deliveredAt {
                .init("delivered \(InstantText.format(at))", .green)
            } else if let error = s.lastError {
                .init("failed \(s.attempts)x: \(error)", .red)
            } else {
                .init("pending", .yellow)
            }
            return [.init(InstantText.format(s.createdAt)), .init(s.leadId), .init(s.notice.kind), .init(s.notice.recipient), .init(s.notice.subject), status]
        }, style: style)
    }
}

/// One notice for scripts.
struct NoticeJSON: Encodable {
    var seq: Int64
    var lead: String
    var event: Int64
    var kind: String
    var recipient: String
    var email: String?
    var subject: String
    var body: String
    var createdAt: Date
    var deliveredAt: Date?
    var attempts: Int
    var lastError: String?

    init(_ s: StoredNotice) {
        seq = s.seq
        lead = s.leadId
        event = s.event
        kind = s.notice.kind
        recipient = s.notice.recipient
        email = s.notice.email
        subject = s.notice.subject
        body = s.notice.body
        createdAt = s.createdAt
        deliveredAt = s.deliveredAt
        attempts = s.attempts
        lastError = s.lastError
    }
}

struct NoticeListJSON: Encodable {
    var notices: [NoticeJSON]
}
