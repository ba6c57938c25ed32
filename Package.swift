// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Quiver",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quiver", targets: ["quiver"]),
        // Used by Benchmarks/curl (a separate package depending on this one by path).
        .library(name: "CurlHTTP", targets: ["CurlHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        // C system libraries, one target each (module map + shim header).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libblas-dev", "libopenblas0-pthread"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // JSON text: one string escaper, number formatter, writer and positioned reader (standard library only).
        .target(name: "JSONCore", swiftSettings: strict),
        // The plan language: pure (standard library, Synchronization and JSONCore only).
        .target(name: "Sandbox", swiftSettings: strict),
        .target(name: "SandboxJSON", dependencies: ["Sandbox", "JSONCore"], swiftSettings: strict),
        .target(name: "Catalog", dependencies: ["JSONCore"], swiftSettings: strict),
        .target(
            name: "Tools",
            dependencies: [
                "Catalog", "Sandbox", "SandboxJSON", "CurlHTTP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ToolsBenchmark", dependencies: ["Tools", "Catalog", "Sandbox", "SandboxJSON", "CurlHTTP", "TestKit"], path: "Benchmarks/tools/Sources",
            swiftSettings: strict),
        .executableTarget(name: "CatalogLoadBenchmark", dependencies: ["Catalog"], path: "Benchmarks/CatalogLoad", swiftSettings: strict),
        // Int8 first-pass similarity kernels (AVX-512 VNNI / AVX2 / portable, chosen at run time).
        .target(name: "CRankingKernels", path: "Sources/CRankingKernels"),
        .target(name: "Ranking", dependencies: ["CBLAS", "CRankingKernels"], swiftSettings: strict),
        // Optimised even in debug builds: an unoptimised forward pass is ~20x slower and its tests would take minutes.
        // SentenceEncoder's linear layers on weights packed at load, short attention, two-thread query team (AVX-512/AVX2 chosen at run time).
        .target(name: "CEncoderKernels", path: "Sources/CEncoderKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "SentenceEncoder", dependencies: ["CBLAS", "CEncoderKernels", "Ranking", "ThreadSupport"], swiftSettings: strict + [.unsafeFlags(["-O"])]),
        .target(name: "ThreadSupport", swiftSettings: strict),
        .target(name: "Identifiers", swiftSettings: strict),
        .target(name: "CurlHTTP", dependencies: ["CCurl", "ThreadSupport"], swiftSettings: strict),
        .target(name: "LLMClient", dependencies: ["CurlHTTP", "JSONCore"], swiftSettings: strict),
        // The query pipeline (rank, prompt, plan, repair, run, answer) and its ChatModel adapter over LLMClient.
        .target(name: "Orchestrator", dependencies: ["Sandbox", "SandboxJSON", "Catalog", "Ranking", "JSONCore", "Identifiers"], swiftSettings: strict),
        .target(name: "OrchestratorLLM", dependencies: ["Orchestrator", "LLMClient"], swiftSettings: strict),
        .executableTarget(name: "OverheadBench", dependencies: ["Orchestrator", "Catalog", "Ranking", "Sandbox", "SandboxJSON"], path: "Benchmarks/query/OverheadBench", swiftSettings: strict),
        .executableTarget(
            name: "PlanSuccess", dependencies: ["Orchestrator", "OrchestratorLLM", "LLMClient", "Catalog", "Ranking", "Sandbox", "SandboxJSON"],
            path: "Benchmarks/query/PlanSuccess", swiftSettings: strict),
        .target(
            name: "Analytics",
            dependencies: [
                "CSQLite", "Identifiers", "JSONCore", "ThreadSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HTTPAPI",
            dependencies: [
                "Sandbox", "SandboxJSON", "Catalog", "Ranking", "Analytics", "Orchestrator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Resources/openapi.yaml")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "quiver",
            dependencies: [
                "HTTPAPI", "Sandbox", "SandboxJSON", "Catalog", "Ranking", "SentenceEncoder", "CurlHTTP", "LLMClient", "Analytics", "Tools",
                "Orchestrator", "OrchestratorLLM", "JSONCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"], swiftSettings: strict),
        .testTarget(name: "IdentifiersTests", dependencies: ["Identifiers"], swiftSettings: strict),
        .testTarget(name: "ThreadSupportTests", dependencies: ["ThreadSupport"], swiftSettings: strict),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "SandboxJSON"], swiftSettings: strict),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"], swiftSettings: strict),
        .testTarget(name: "ToolsTests", dependencies: ["Tools", "Catalog", "Sandbox", "SandboxJSON", "CurlHTTP", "TestKit", "MCPTestServer"], swiftSettings: strict),
        // A real MCP server over stdio for the Tools tests (Swift MCP SDK).
        .executableTarget(
            name: "MCPTestServer", dependencies: ["TestKit", .product(name: "MCP", package: "swift-sdk")], path: "Tests/MCPTestServer",
            swiftSettings: strict),
        .testTarget(name: "RankingTests", dependencies: ["Ranking"], swiftSettings: strict),
        .testTarget(name: "SentenceEncoderTests", dependencies: ["SentenceEncoder", "CEncoderKernels", "Ranking"], exclude: ["Fixtures"], swiftSettings: strict),
        // Test support (fake servers) shared by test targets only.
        .target(name: "TestKit", path: "Tests/TestKit", swiftSettings: strict),
        .testTarget(name: "CurlHTTPTests", dependencies: ["CurlHTTP", "TestKit"], swiftSettings: strict),
        .testTarget(name: "LLMClientTests", dependencies: ["LLMClient", "CurlHTTP", "TestKit"], swiftSettings: strict),
        .testTarget(
            name: "OrchestratorTests",
            dependencies: ["Orchestrator", "OrchestratorLLM", "LLMClient", "Sandbox", "SandboxJSON", "Catalog", "Ranking", "TestKit"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "AnalyticsCrashWriter",
            dependencies: ["Analytics", .product(name: "Logging", package: "swift-log")],
            path: "Tests/AnalyticsCrashWriter",
            swiftSettings: strict
        ),
        .testTarget(
            name: "AnalyticsTests",
            dependencies: [
                "Analytics", "AnalyticsCrashWriter", "TestKit", "Identifiers",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HTTPAPITests",
            dependencies: [
                "HTTPAPI", "CurlHTTP", "Catalog", "Ranking", "Analytics", "Orchestrator", "OrchestratorLLM", "LLMClient", "Sandbox", "SandboxJSON", "TestKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QuiverCLITests",
            dependencies: [
                "quiver", "HTTPAPI", "CurlHTTP", "TestKit", "Ranking", "Analytics", "Orchestrator", "Identifiers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
