import ArgumentParser
import Foundation
import HandoffDesk
import HandoffServer
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `handoff serve`: live intake over HTTP, with the routing core in the same process.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Take leads in over HTTP as they happen, and route them in the same process.",
        discussion: """
            POST /v1/leads takes one JSON lead, an array, or JSON Lines (Content-Type: application/x-ndjson) \
            in the fields `handoff import` knows, and answers once they are stored: 202 with each lead's id, \
            and each refused record's place and reason (refused records are quarantined). With ?wait=owner \
            the answer waits (up to 2 s) for the decision: the owner, or the exception and its trace. \
            GET /healthz tells the routing core's state; GET /metrics gives Prometheus' text format. \
            GET /v1/events?after=SEQ (a long poll) and GET /v1/events/stream (Server-Sent Events) give the \
            handoff log as `handoff log --json` prints it; GET /openapi.json describes the whole API.

            POST /hooks/hubspot takes HubSpot's webhook events and workflow webhooks, checking HubSpot's \
            request signature with the app's client secret (HANDOFF_HUBSPOT_CLIENT_SECRET or \
            --hubspot-secret-file) and reading created contacts from HubSpot's CRM API (access token from \
            HANDOFF_HUBSPOT_ACCESS_TOKEN or --hubspot-token-file). POST /hooks/salesforce takes Salesforce \
            outbound messages of Leads from the organization HANDOFF_SALESFORCE_ORG_ID or --salesforce-org names.

            Every route but /healthz and the hooks needs Authorization: Bearer TOKEN. Tokens come from HANDOFF_API_TOKEN \
            (one token with every scope) or --tokens FILE, one `TOKEN SCOPES` a line (scopes intake, read, \
            admin; the file readable by its owner only: chmod 600). Without a token the server still starts \
            on a loopback address and refuses every request but /healthz and the CRM hooks; it refuses to \
            listen on any other address. See docs/SERVE.md.

            The routing core drains the queue as leads arrive, runs the SLA timer and puts a changed rulebook \
            in force (one with errors is refused; the one in force stays). SIGINT or SIGTERM stops it: requests \
            in flight are answered and stored first.

            Webhooks and CRM write-backs (the handback) are configured in handback.yaml beside the rulebook, \
            or the file --handback names; serve delivers them as the log grows. `handoff deliveries` shows them.

            Exit codes: 0 stopped by a signal, 1 the rulebook or the handback configuration has errors, 2 the \
            database, rulebook, tokens or secret file could not be read, 64 the command line is wrong or the \
            address is refused.
            """
    )

    @Option(help: ArgumentHelp("HOST:PORT to listen on (loopback unless tokens are set).", valueName: "host:port"))
    var listen: String = ListenAddress.standard.description

    @Option(help: ArgumentHelp("A file of bearer tokens, one `TOKEN SCOPES` a line (mode 600).", valueName: "file"))
    var tokens: String?

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest request body in bytes (413 past it).", valueName: "bytes"))
    var maxBody: Int = ServerSettings.defaultMaxBody

    @Option(name: .customLong("max-leads"), help: ArgumentHelp("Most leads one request may carry (422 past it).", valueName: "n"))
    var maxLeads: Int = ServerSettings.defaultMaxLeads

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a request body may take to arrive (408 past it).", valueName: "seconds"))
    var requestTimeout: Double = 10

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The URL CRMs call, up to the route, when a proxy stands in front.", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("hubspot-secret-file"), help: ArgumentHelp("HubSpot app's client secret, for its request signatures (mode 600).", valueName: "file"))
    var hubSpotSecretFile: String?

    @Option(name: .customLong("hubspot-token-file"), help: ArgumentHelp("HubSpot access token, to read contacts named by events (mode 600).", valueName: "file"))
    var hubSpotTokenFile: String?

    @Option(name: .customLong("hubspot-api-url"), help: ArgumentHelp("HubSpot's CRM API.", valueName: "url"))
    var hubSpotAPI: String = HookSettings.defaultHubSpotAPI.absoluteString

    @Option(name: .customLong("salesforce-org"), help: ArgumentHelp("The Salesforce organization id whose outbound messages are taken.", valueName: "id"))
    var salesforceOrg: String?
    @Option(help: ArgumentHelp("Seconds between the comments an idle event stream sends to stay open.", valueName: "seconds"))
    var heartbeat: Double = 15

    @Option(help: ArgumentHelp("The handback configuration (webhooks, CRM write-back). Default: handback.yaml beside the rulebook, if there is one.",
                               valueName: "file"))
    var handback: String?

    @OptionGroup var desk: DeskOptions

    func validate() throws {
        if case .failure(let problem) = ListenAddress.parse(listen) { throw ValidationError("--listen: \(problem)") }
        guard maxBody >= 1_024 else { throw ValidationError("--max-body takes at least 1024 bytes.") }
        guard maxLeads >= 1 else { throw ValidationError("--max-leads takes at least 1.") }
        guard requestTimeout > 0, requestTimeout <= 3_600 else { throw ValidationError("--request-timeout takes 0 to 3600 seconds.") }
        if let publicURL, let problem = HookSettings.baseURLProblem(publicURL, example: "https://handoff.example.com") {
            throw ValidationError("--public-url: \(problem)")
        }
        if let problem = HookSettings.baseURLProblem(hubSpotAPI, example: HookSettings.defaultHubSpotAPI.absoluteString) {
            throw ValidationError("--hubspot-api-url: \(problem)")
        }
        if let salesforceOrg, SalesforceId(salesforceOrg) == nil {
            throw ValidationError("--salesforce-org: '\(salesforceOrg)' is not a Salesforce organization id (15 or 18 letters and digits, e.g. 00D5e000000KQ2eEAG)")
        }
        guard heartbeat >= 0.1, heartbeat <= 300 else { throw ValidationError("--heartbeat takes 0.1 to 300 seconds.") }
    }

    func run() throws {
        let address = try ListenAddress.parse(listen).get()
        let accessTokens = try loadTokens()
        var settings = ServerSettings(listen: address, tokens: accessTokens, maxBody: maxBody, maxLeads: maxLeads,
                                      requestTimeout: .milliseconds(Int64(requestTimeout * 1_000)))
        settings.hooks = try loadHooks()
        settings.feedHeartbeat = .milliseconds(Int64(heartbeat * 1_000))
        if let refusal = settings.refusal {
            Console.error("handoff serve: \(refusal)")
            throw ExitCode(64)
        }
        Self.unblockStopSignals()
        let opened = try desk.open()
        // Decisions name the rulebook by version; its text is kept so they can be explained later.
        try? opened.store.record(rulebook: opened.rules.rulebook, source: opened.rules.text, author: opened.operatorName, at: opened.desk.clock())
        let watched = ConsoleOptions.rulesFile(opened.rules.path)
        let rules = RulebookSource(path: watched.path) {
            watched.load().mapError { RulebookProblems($0.lines.joined(separator: "\n")) }
        }
        let handbackConfig = try HandbackFile.load(option: handback, rulesPath: opened.rules.path)
        let server = LiveServer(desk: opened.desk, rules: rules, settings: settings, handback: handbackConfig,
                                log: { Console.error("handoff serve: \($0)") })
        try StoreFailure.guarded { try server.prepare() }
        if let handbackConfig, !handbackConfig.targets.isEmpty { print("handoff serve: delivering to \(handbackConfig.targets.joined(separator: ", ")) (\(handbackConfig.file))") }
        if accessTokens.isEmpty {
            Console.error("""
                handoff serve: no token is set, so every request but GET /healthz and the CRM hooks is refused. Set one:
                  export HANDOFF_API_TOKEN=$(openssl rand -hex 32)
                or pass --tokens FILE (one `TOKEN SCOPES` a line, chmod 600); see docs/SERVE.md
                """)
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = LockedError()
        let database = opened.store.location
        Task {
            do {
                try await server.run { bound in
                    print("handoff serve: listening on http://\(bound) (database \(database), rulebook \(opened.rules.path) \(opened.rules.rulebook.version))")
                    Console.flush()
                }
            } catch {
                failure.set(error)
            }
            finished.signal()
        }
        finished.wait()
        server.finish()
        if let error = failure.get() {
            let hint = "\(error)".contains("in use") ? "; another program has the port: pass --listen HOST:PORT" : ""
            Console.error("handoff serve: cannot serve on \(address): \(error)\(hint)")
            throw ExitCode.unreadable
        }
        print("handoff serve: stopped")
    }

    private func loadTokens() throws -> AccessTokens {
        var loaded = AccessTokens()
        if let tokens {
            do {
                loaded = try AccessTokens.load(file: tokens)
            } catch {
                Console.error("handoff serve: \(error)")
                throw ExitCode.unreadable
            }
        }
        if let token = ProcessInfo.processInfo.environment["HANDOFF_API_TOKEN"], !token.isEmpty {
            guard token.count >= AccessTokens.minimumLength else {
                Console.error("handoff serve: HANDOFF_API_TOKEN is shorter than \(AccessTokens.minimumLength) characters; `openssl rand -hex 32` makes a good one")
                throw ExitCode.unreadable
            }
            loaded.add(token: token, scopes: Set(TokenScope.allCases))
        }
        return loaded
    }

    /// The CRM hooks' settings: files first, then the environment; a file others can read is refused.
    private func loadHooks() throws -> HookSettings {
        let environment = ProcessInfo.processInfo.environment
        func secret(file: String?, variable: String, what: String) throws -> String? {
            if let file {
                do {
                    return try SecretFile.read(file, what: what)
                } catch {
                    Console.error("handoff serve: \(error)")
                    throw ExitCode.unreadable
                }
            }
            return environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        var hooks = HookSettings()
        hooks.hubSpotSecret = try secret(file: hubSpotSecretFile, variable: "HANDOFF_HUBSPOT_CLIENT_SECRET", what: "HubSpot client secret")
        hooks.hubSpotToken = try secret(file: hubSpotTokenFile, variable: "HANDOFF_HUBSPOT_ACCESS_TOKEN", what: "HubSpot access token")
        hooks.hubSpotAPI = URL(string: hubSpotAPI) ?? HookSettings.defaultHubSpotAPI
        hooks.publicURL = publicURL.flatMap(URL.init(string:))
        if let org = salesforceOrg ?? environment["HANDOFF_SALESFORCE_ORG_ID"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let id = SalesforceId(org) else {
                Console.error("handoff serve: HANDOFF_SALESFORCE_ORG_ID is not a Salesforce organization id (15 or 18 letters and digits)")
                throw ExitCode(64)
            }
            hooks.salesforceOrg = id
        }
        return hooks
    }

    /// A parent may start us with SIGINT or SIGTERM blocked (test runners do), and threads inherit the
    /// mask: the stop signals would never arrive. Done before any thread starts.
    private static func unblockStopSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// The server task's error, handed to the main thread.
private final class LockedError: Sendable {
    private let value = Mutex<(any Error)?>(nil)
    func set(_ error: any Error) { value.withLock { $0 = error } }
    func get() -> (any Error)? { value.withLock { $0 } }
}
