// swift-tools-version: 6.1
// The bare endpoint `run.sh` measures `handoff serve` against: Hummingbird alone, at the version the
// product resolves (run.sh copies the product's Package.resolved here before building), answering a
// POST with a small JSON body. A package of its own, so it adds nothing to the product's build or tests.
import PackageDescription

let package = Package(
    name: "BareEndpoint",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(name: "BareEndpoint", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
