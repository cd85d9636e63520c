import ArgumentParser
import Foundation

@main
struct HandoffCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "handoff",
        abstract: "Route inbound leads to the right owner by a rulebook kept in one YAML file.",
        discussion: """
            Handoff reads a rulebook (owners, the pools they share leads in, and the routes that send a \
            lead to a pool) and decides for each inbound lead who takes it, or flags it for a person \
            with a reason code and a trace that explains the decision. Leads, decisions and every \
            operator action are kept in one database file, as an append-only log.

            Subcommands:
              init          Write the example rulebook and create an empty database.
              rules check   Check a rulebook; list every problem with its position.
              rules history The rulebook versions the database has recorded.
              rules diff    What changed between two rulebook versions.
              rules test    Run the rulebook's tests; --record pins stored decisions.
              simulate      Replay stored leads through a draft rulebook: what changes.
              shadow        A draft decides beside the rulebook: start, report, stop, promote.
              import        Take leads in from a CRM export (CSV) or JSON Lines (- stdin).
              accounts      Load known accounts (accounts import FILE).
              route         Route every queued lead.
              leads         List leads by state, owner, reason or text.
              show          One lead: fields, state, decision, history.
              explain       Why a lead went where it did, every owner considered.
              approve       Assign flagged leads to their proposed owners.
              reassign      Assign leads to another owner (--to OWNER --reason TEXT).
              annotate      Add a note to a lead's history.
              disqualify    Close leads that are not real (--reason TEXT).
              accept        Record that owners took their leads on.
              retry         Send leads back to the queue.
              owners        Owners' load, availability now, absences, weight, pools.
              owner         Out of office, pause, resume: owner set-ooo|pause|resume ID.
              fairness      Each pool's ledger: leads each member got against their share.
              notifications The SLA timer's notices; --deliver hands them to a command.
              log           The event log; --follow keeps printing.
              doctor        Check the database against its log.
              report        Review a window: time to owner, exceptions, overrides, SLAs.
              quarantine    Records intake could not accept.
              console       The live console: leads, exceptions, owners, log, actions.
              demo          The console on a demo workspace fed a synthetic stream.
              serve         Take leads in over HTTP as they happen (docs/SERVE.md).

            `handoff --version` prints the version.

            Common options, after the subcommand: --db PATH, --rules PATH, --operator NAME, --now TIME, --json.

            Exit codes:
              0   success (rulebook warnings allowed)
              1   the rulebook has errors; doctor found problems
              2   a file could not be read: the rulebook, or the database (missing, damaged, locked)
              3   an operator command was refused for at least one lead
              4   no such lead (show, explain, log)
              64  the command line is wrong

            Environment:
              HANDOFF_DATABASE  the store when --db is not given: a path or postgres://user@host:port/db
              HANDOFF_DB        database path when neither is given (otherwise ./handoff.db)
              HANDOFF_RULES     rulebook path when none is given (otherwise ./rulebook.yaml)
              HANDOFF_OPERATOR  your name in the log without --operator (else operator: in config.yaml, else $USER)
              HANDOFF_NOW       reference time in ISO 8601 when --now is not given
              HANDOFF_API_TOKEN a bearer token with every scope for `handoff serve`
              HANDOFF_HUBSPOT_*, HANDOFF_SALESFORCE_ORG_ID  the CRM hooks of `handoff serve`
              NO_COLOR          any non-empty value turns colour off
            """,
        subcommands: HandoffCommand.subcommands
    )

    /// `handoff --version` is answered here rather than by `configuration.version`, which would give
    /// every subcommand a `--version` flag and clash with the operator commands' `--version N`.
    static func main() {
        if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
            print(version)
            return
        }
        // As ArgumentParser's own `main`, except that messages go through the terminal-safe output:
        // an error quotes what was typed, which may hold control characters.
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { Console.error(message) }
            }
            Console.flush()
            Foundation.exit(code.rawValue)
        }
    }

    /// In the order help lists them; a new command is one file in Commands/ and one entry here.
    static let subcommands: [any ParsableCommand.Type] = [
        InitCommand.self, RulesCommand.self, SimulateCommand.self, ImportCommand.self, AccountsCommand.self, RouteCommand.self,
        LeadsCommand.self, ShowCommand.self, ExplainCommand.self,
        ApproveCommand.self, ReassignCommand.self, AnnotateCommand.self, DisqualifyCommand.self,
        AcceptCommand.self, RetryCommand.self, ClaimCommand.self, UnclaimCommand.self,
        OwnersCommand.self, OwnerCommand.self, PeopleCommand.self, FairnessCommand.self, NotificationsCommand.self, DeliveriesCommand.self, LogCommand.self, DoctorCommand.self, AuditCommand.self,
        ReportCommand.self, QuarantineCommand.self,
        ConsoleCommand.self, DemoCommand.self, ShadowCommand.self, ServeCommand.self, WorkerCommand.self,
    ]
}
