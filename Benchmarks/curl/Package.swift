// swift-tools-version: 6.1
import PackageDescription

// CurlHTTP against swift-server's AsyncHTTPClient: sequential GETs to a local server. Run ./run.sh.
// The root package (../..) is reached through the symlink .build-root/Quiver that run.sh creates, so that
// its package identity is "quiver" whatever the checkout's folder is called.
let package = Package(
    name: "CurlBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".build-root/Quiver"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "CurlBenchmark",
            dependencies: [
                .product(name: "CurlHTTP", package: "quiver"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        )
    ]
)
