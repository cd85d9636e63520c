// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Handoff",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "HandoffCore", targets: ["HandoffCore"]),
        .library(name: "HandoffDemo", targets: ["HandoffDemo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    ],
    targets: [
        // Pure routing core: domain types, rulebook, router, lifecycle. No I/O, no clock reads.
        .target(
            name: "HandoffCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Seeded synthetic owners, accounts and leads for demos and benchmarks.
        .target(name: "HandoffDemo", dependencies: ["HandoffCore"]),
        .testTarget(name: "HandoffCoreTests", dependencies: ["HandoffCore", "HandoffDemo"]),
    ],
    swiftLanguageModes: [.v6]
)
