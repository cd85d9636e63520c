// swift-tools-version: 6.1
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer) for Handoff's readers of untrusted text. A package of its own,
// so the product's build never compiles it; `./run` builds it with `-sanitize=fuzzer` for every module.
let package = Package(
    name: "HandoffFuzz",
    dependencies: [.package(name: "Handoff", path: "..")],
    targets: [
        // The contract every target checks, and how a broken one is reported.
        .target(name: "FuzzContract"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzContract", .product(name: "HandoffIntake", package: "Handoff")]),
        .executableTarget(name: "FuzzJSONLines", dependencies: ["FuzzContract", .product(name: "HandoffIntake", package: "Handoff")]),
        .executableTarget(name: "FuzzRulebook", dependencies: ["FuzzContract", .product(name: "HandoffCore", package: "Handoff")]),
        .executableTarget(name: "FuzzMapping", dependencies: ["FuzzContract", .product(name: "HandoffIntake", package: "Handoff")]),
        .executableTarget(name: "FuzzTheme", dependencies: ["FuzzContract", .product(name: "HandoffConsole", package: "Handoff")]),
        .executableTarget(name: "FuzzTimeAndNumbers", dependencies: [
            "FuzzContract", .product(name: "HandoffCore", package: "Handoff"), .product(name: "HandoffText", package: "Handoff"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
