// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Handoff",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handoff", targets: ["Handoff"]),
        .library(name: "HandoffCore", targets: ["HandoffCore"]),
        .library(name: "HandoffDemo", targets: ["HandoffDemo"]),
        .library(name: "HandoffText", targets: ["HandoffText"]),
        .library(name: "HandoffStore", targets: ["HandoffStore"]),
        .library(name: "HandoffSQLite", targets: ["HandoffSQLite"]),
        .library(name: "HandoffWorkspace", targets: ["HandoffWorkspace"]),
        .library(name: "HandoffDesk", targets: ["HandoffDesk"]),
        .library(name: "HandoffIntake", targets: ["HandoffIntake"]),
        .library(name: "HandoffConsole", targets: ["HandoffConsole"]),
        .library(name: "HandoffTerminal", targets: ["HandoffTerminal"]),
        .library(name: "HandoffServer", targets: ["HandoffServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
    ],
    targets: [
        // The PostgreSQL engine's foundation: locations, synchronous sessions over postgres-nio, the schema's
        // migrations, the routing lease and change notifications.
        .target(name: "HandoffPostgres", dependencies: [
            "HandoffCore", "HandoffStore", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Pure routing core: domain types, rulebook, router, lifecycle. No I/O, no clock reads.
        .target(
            name: "HandoffCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The store contract: the protocols every engine satisfies, the types they trade in, and the
        // rows a lead, a decision or a command becomes. No engine, no I/O.
        .target(name: "HandoffStore", dependencies: ["HandoffCore"]),
        // The embedded engine: the handoff log and its projections in one SQLite file (GRDB).
        .target(name: "HandoffSQLite", dependencies: [
            "HandoffCore", "HandoffStore", .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, for reads of a million rows where GRDB's generic row decoding is the cost.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            "CSQLiteSetup",
        ]),
        // Opens a store from where it lives; the one module that names the engines.
        .target(name: "HandoffWorkspace", dependencies: ["HandoffStore", "HandoffSQLite", "HandoffPostgres"]),
        // SQLite's process-wide settings, which only C can make (sqlite3_config is variadic).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The runtime: drains the queue through the router and applies operator commands, via the store.
        .target(name: "HandoffDesk", dependencies: ["HandoffCore", "HandoffStore", "HandoffText"]),
        // Text for people and scripts: aligned tables, terminal colour, rulebook check reports.
        .target(name: "HandoffText", dependencies: ["HandoffCore"]),
        // Seeded synthetic owners, accounts and leads for demos and benchmarks; the demo run and its report;
        // the live demo, which feeds a workspace through the desk.
        .target(name: "HandoffDemo", dependencies: ["HandoffCore", "HandoffText", "HandoffStore", "HandoffWorkspace", "HandoffDesk"]),
        // The `handoff` command: parses arguments, calls the libraries, prints. One file per subcommand.
        .executableTarget(
            name: "Handoff",
            dependencies: [
                "HandoffCore", "HandoffDemo", "HandoffText", "HandoffStore", "HandoffWorkspace", "HandoffDesk", "HandoffIntake",
                "HandoffConsole", "HandoffTerminal", "HandoffServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // ncursesw, with the macros Swift cannot import wrapped as inline functions.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // The console as values: state, reducer, key map, themes and views drawn into a screen buffer. No terminal.
        .target(
            name: "HandoffConsole",
            dependencies: ["HandoffCore", "HandoffStore", "HandoffDesk", "HandoffText", .product(name: "Yams", package: "Yams")]
        ),
        // The terminal: ncurses setup and restore, keys in, the screen buffer out, and the one UI thread's loop.
        .target(name: "HandoffTerminal", dependencies: ["CNcurses", "HandoffConsole", "HandoffDesk"]),
        // CSV and JSON Lines in, leads, accounts and quarantined records out. Parsing only, no storage.
        .target(
            name: "HandoffIntake",
            dependencies: [
                "HandoffCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `handoff serve`: live intake over HTTP (Hummingbird), the desk's store work on a writer thread of its own.
        .target(
            name: "HandoffServer",
            dependencies: [
                "HandoffCore", "HandoffStore", "HandoffDesk", "HandoffIntake",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Outbound calls: CRM reads and write-backs, webhook deliveries.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // Graceful shutdown ends the feed's streams and polls, so stopping never waits on a follower.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Against a real PostgreSQL (HANDOFF_TEST_POSTGRES_URL, as `.ci/postgres run` sets it).
        .testTarget(name: "HandoffPostgresTests", dependencies: [
            "HandoffPostgres", "HandoffCore", "HandoffStore", "HandoffSQLite", "HandoffDesk", "HandoffDemo", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "HandoffIntakeTests", dependencies: ["HandoffIntake", "HandoffCore"]),
        .testTarget(name: "HandoffCoreTests", dependencies: ["HandoffCore", "HandoffDemo"]),
        // What only the SQLite engine does (its file, its migrations, its SQL) and the store's pure rules; it
        // shares the contract suite's fixtures.
        .testTarget(name: "HandoffStoreTests", dependencies: [
            "HandoffStoreContractTests", "HandoffSQLite", "HandoffStore", "HandoffDesk", "HandoffCore", "HandoffDemo",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // What every store engine promises, each test run against every engine (`Engine`).
        .testTarget(name: "HandoffStoreContractTests", dependencies: ["HandoffStore", "HandoffWorkspace", "HandoffPostgres", "HandoffDesk", "HandoffCore", "HandoffDemo"]),
        // Kills the built binary mid-route and checks the store afterwards.
        .testTarget(name: "HandoffCrashTests", dependencies: ["HandoffSQLite", "HandoffStore", "HandoffCore", "HandoffDemo"]),
        .testTarget(name: "HandoffTextTests", dependencies: ["HandoffText", "HandoffCore"]),
        .testTarget(name: "HandoffConsoleTests", dependencies: ["HandoffSQLite", "HandoffConsole", "HandoffDesk", "HandoffStore", "HandoffCore"], exclude: ["Goldens"]),
        // Golden screens through real ncurses, headless (newterm on /dev/null).
        .testTarget(name: "HandoffTerminalTests", dependencies: ["HandoffTerminal", "HandoffConsole", "CNcurses"]),
        .testTarget(name: "HandoffDemoTests", dependencies: ["HandoffSQLite", "HandoffDemo", "HandoffCore", "HandoffStore", "HandoffDesk"]),
        // Runs the built `handoff` binary as a user would; it needs no module of the package.
        .testTarget(name: "HandoffCLITests"),
        // Runs the built binary in a real terminal (tmux) and reads the screen; it needs no module either.
        .testTarget(name: "HandoffConsoleE2ETests"),
        .testTarget(name: "HandoffServerTests", dependencies: ["HandoffSQLite", "HandoffServer", "HandoffDesk", "HandoffStore", "HandoffDemo"]),
        // Starts the built `handoff serve` on a loopback port and speaks HTTP to it; it needs no module either.
        .testTarget(name: "HandoffServeTests", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
