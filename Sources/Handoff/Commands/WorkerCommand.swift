import ArgumentParser
import Foundation
import HandoffServer
import HandoffStore
import HandoffText

/// `handoff worker`: a headless routing core, one active per workspace, the others standing by.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the routing core alone: drain the queue, run the SLA timer, reload the rulebook, deliver the handback.",
        discussion: """
            For leads that other processes take in (`handoff import`, other machines' intake). One routing core \
            decides for a workspace at a time: the worker that holds the workspace's routing lease routes, and \
            any other worker started on it stands by, saying whom it waits for, and takes over when the holder \
            ends, however it ends (kill -9 included), within a fraction of a second. On an SQLite workspace the \
            lease is a lock on a file beside the database (handoff.db-core), so workers share it on one machine.

            Runs until SIGINT or SIGTERM, then finishes its pass and gives the lease up.

            Exit codes: 0 stopped, 1 the rulebook has errors, 2 the rulebook or database could not be read, \
            64 the command line is wrong.
            """
    )

    @OptionGroup var desk: DeskOptions

    @Option(help: ArgumentHelp("The handback configuration (webhooks, CRM write-back). Default: handback.yaml beside the rulebook, if there is one.",
                               valueName: "path"))
    var handback: String?

    func run() throws {
        Interrupt.install()
        Interrupt.installTerminate()
        let opened = try desk.open()
        let watched = ConsoleOptions.rulesFile(opened.rules.path)
        let rules = RulebookSource(path: watched.path) {
            watched.load().mapError { RulebookProblems($0.lines.joined(separator: "\n")) }
        }
        let handbackConfig = try HandbackFile.load(option: handback, rulesPath: opened.rules.path)
        let worker = try StoreFailure.guarded {
            try Worker(desk: opened.desk, rules: rules, handback: handbackConfig, log: { Console.error("handoff worker: \($0)") })
        }
        try StoreFailure.guarded {
            try worker.run(stopping: { Interrupt.wasRequested }) { phase in
                switch phase {
                case .standingBy(let holder):
                    print("handoff worker: standing by; the routing core is held by \(holder.map { TerminalText.safe($0) } ?? "another process")")
                case .routing:
                    if let handbackConfig, !handbackConfig.targets.isEmpty {
                        print("handoff worker: delivering to \(handbackConfig.targets.joined(separator: ", ")) (\(handbackConfig.file))")
                    }
                    // Kept so every decision can be traced to the rulebook text that made it.
                    try? opened.store.record(rulebook: opened.desk.rulebook, source: opened.rules.text, author: opened.operatorName,
                                             at: opened.desk.clock())
                    print("handoff worker: routing \(opened.store.location) with rulebook \(opened.desk.rulebook.version)")
                case .stopped:
                    print("handoff worker: stopped")
                }
                Console.flush()
            }
        }
    }
}
