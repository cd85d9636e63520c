// swift-tools-version: 6.1
// Benchmarks live in their own package so the product's build and tests never compile them.
// Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "HandoffBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Handoff", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "RouterBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "HandoffCore", package: "Handoff"),
                .product(name: "HandoffDemo", package: "Handoff"),
            ],
            path: "Benchmarks/RouterBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // Plain programs for profilers and scripts (see BENCHMARKS.md).
        program("RouterProfile", ["HandoffCore", "HandoffDemo"]),
        program("PipelineProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk"]),
        program("GenerateLeads", ["HandoffCore", "HandoffDemo"]),
        program("ConsoleProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk", "HandoffConsole", "HandoffTerminal"],
                extra: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        program("LatencyProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk"],
                extra: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        // ncursesw alone drawing a console-sized frame: the floor for the console's own frames.
        .systemLibrary(name: "CBareCurses", path: "Benchmarks/CBareCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .executableTarget(
            name: "BareCurses",
            dependencies: ["CBareCurses", .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Benchmarks/BareCurses"
        ),
        program("SweepProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk"]),
        program("SnapshotProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk"]),
        program("SimulateProfile", ["HandoffCore", "HandoffDemo", "HandoffStore", "HandoffSQLite", "HandoffDesk"]),
        program("ReportProfile", ["HandoffStore", "HandoffSQLite", "HandoffDesk"]),
        // SQLite alone writing the rows a routed import writes: the ceiling for `import --route`.
        .executableTarget(name: "StoreCeiling", path: "Benchmarks/StoreCeiling", linkerSettings: [.linkedLibrary("sqlite3")]),
    ],
    swiftLanguageModes: [.v6]
)

/// An executable under Benchmarks/NAME using the given products of the Handoff package.
func program(_ name: String, _ products: [String], extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: products.map { .product(name: $0, package: "Handoff") } + extra,
        path: "Benchmarks/\(name)"
    )
}
