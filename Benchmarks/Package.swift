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
        .executableTarget(
            name: "RouterProfile",
            dependencies: [
                .product(name: "HandoffCore", package: "Handoff"),
                .product(name: "HandoffDemo", package: "Handoff"),
            ],
            path: "Benchmarks/RouterProfile"
        ),
        .executableTarget(
            name: "PipelineProfile",
            dependencies: [
                .product(name: "HandoffCore", package: "Handoff"),
                .product(name: "HandoffDemo", package: "Handoff"),
                .product(name: "HandoffStore", package: "Handoff"),
                .product(name: "HandoffDesk", package: "Handoff"),
            ],
            path: "Benchmarks/PipelineProfile"
        ),
        .executableTarget(
            name: "GenerateLeads",
            dependencies: [
                .product(name: "HandoffCore", package: "Handoff"),
                .product(name: "HandoffDemo", package: "Handoff"),
            ],
            path: "Benchmarks/GenerateLeads"
        ),
        .executableTarget(
            name: "LatencyProfile",
            dependencies: [
                .product(name: "HandoffCore", package: "Handoff"),
                .product(name: "HandoffDemo", package: "Handoff"),
                .product(name: "HandoffStore", package: "Handoff"),
                .product(name: "HandoffDesk", package: "Handoff"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/LatencyProfile"
        ),
    ],
    swiftLanguageModes: [.v6]
)
