// swift-tools-version: 6.1
// JSON reading and writing benchmark: Catalog's and Sandbox's JSON parse and serialize over the bundled
// catalog and a string-heavy document. A separate package so it never enters the product's graph;
// run.sh makes a copy per source tree (Sources/* are symlinks made by run.sh), so two trees (before and
// after a change) are measured in the same run. JSONCore is included when the tree has it.
import Foundation
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let hasCore = FileManager.default.fileExists(atPath: here.appendingPathComponent("Sources/JSONCore").path)
let core: [Target.Dependency] = hasCore ? ["JSONCore"] : []
// Trees from session 3 on keep the values' JSON in a module of its own (Sandbox stays pure).
let hasSandboxJSON = FileManager.default.fileExists(atPath: here.appendingPathComponent("Sources/SandboxJSON").path)

let package = Package(
    name: "JSONBench",
    platforms: [.macOS(.v15)],
    targets: (hasCore ? [.target(name: "JSONCore", swiftSettings: strict)] : []) + [
        .target(name: "Sandbox", dependencies: hasSandboxJSON ? [] : core, swiftSettings: strict),
        .target(name: "Catalog", dependencies: core, swiftSettings: strict),
        .executableTarget(
            name: "JSONBench", dependencies: ["Sandbox", "Catalog"] + (hasSandboxJSON ? ["SandboxJSON"] : []), swiftSettings: strict),
    ] + (hasSandboxJSON ? [.target(name: "SandboxJSON", dependencies: ["Sandbox"] + core, swiftSettings: strict)] : [])
)
