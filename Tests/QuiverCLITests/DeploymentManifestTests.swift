import Foundation
import HTTPAPI
import Hummingbird
import Logging
import Testing

@testable import quiver

/// The deployment files must match what the server really serves and reads.
@Suite struct DeploymentManifestTests {
    static let root = QuiverProcess.packageRoot

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    static func manifests() throws -> [String: YAMLNode] {
        var byKind: [String: YAMLNode] = [:]
        let folder = root.appendingPathComponent("config/kubernetes")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".yaml") {
            for document in try MiniYAML.parseDocuments(try read("config/kubernetes/\(file)")) {
                if let kind = document["kind"]?.string { byKind[kind] = document }
            }
        }
        return byKind
    }

    /// Routes the real server registers (with every capability on).
    static func servedRoutes() async throws -> Set<String> {
        let config = try ConfigLoader().load(configPath: try emptyConfigFile(), environment: ["QUIVER_DEBUG_ROUTES": "true", "QUIVER_DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("quiver-routes-\(UInt64.random(in: 0...UInt64.max))").path], flags: [])
        let capabilities = try await Capabilities.build(config: config, readiness: ReadinessRegistry(), logger: Logger(label: "test"))
        let server = APIServer(settings: HTTPSettings(), routeGroups: capabilities.routeGroups)
        return Set(server.makeRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    static let knownVariables = Set(ConfigKeys.all.map(\.environmentVariable))

    @Test func everyKindIsPresent() throws {
        let kinds = Set(try Self.manifests().keys)
        #expect(kinds.isSuperset(of: ["Deployment", "Service", "ConfigMap", "PersistentVolumeClaim", "HorizontalPodAutoscaler", "Secret"]))
    }

    @Test func probesAndScrapeTargetsAreServedOnTheConfiguredPort() async throws {
        let manifests = try Self.manifests()
        let deployment = try #require(manifests["Deployment"])
        let configMap = try #require(manifests["ConfigMap"])
        let container = try #require(deployment.at("spec.template.spec.containers")?.items.first)
        let served = try await Self.servedRoutes()

        let port = try #require(configMap.at("data.QUIVER_PORT")?.string.flatMap { Int($0) })
        let ports = container["ports"]?.items ?? []
        let http = try #require(ports.first { $0["name"]?.string == "http" })
        #expect(http["containerPort"]?.string == String(port))

        for (probe, path) in [("livenessProbe", "/health"), ("readinessProbe", "/ready"), ("startupProbe", "/health")] {
            let get = try #require(container[probe]?["httpGet"], "\(probe)")
            #expect(get["path"]?.string == path, "\(probe)")
            #expect(get["port"]?.string == "http" || get["port"]?.string == String(port), "\(probe)")
            #expect(served.contains("GET \(path)"), "\(probe) path \(path) is not served")
        }
        for annotated in [deployment.at("spec.template.metadata.annotations"), manifests["Service"]?.at("metadata.annotations")] {
            let annotations = try #require(annotated)
            #expect(annotations["prometheus.io/scrape"]?.string == "true")
            #expect(annotations["prometheus.io/port"]?.string == String(port))
            let path = try #require(annotations["prometheus.io/path"]?.string)
            #expect(served.contains("GET \(path)"))
        }
        // Metrics must be scrapable without a key in the cluster.
        #expect(configMap.at("data.QUIVER_AUTH_METRICS_PUBLIC")?.string == "true")

        let service = try #require(manifests["Service"])
        let servicePort = try #require(service.at("spec.ports")?.items.first)
        #expect(servicePort["targetPort"]?.string == "http")
        #expect(service.at("spec.selector")?.description == deployment.at("spec.selector.matchLabels")?.description)
    }

    @Test func environmentNamesAreConfigurationKeysAndValuesAreValid() throws {
        let manifests = try Self.manifests()
        let configMap = try #require(manifests["ConfigMap"])
        let deployment = try #require(manifests["Deployment"])
        var environment: [String: String] = [:]
        for (name, value) in configMap["data"]?.pairs ?? [] {
            #expect(Self.knownVariables.contains(name), "ConfigMap sets \(name), which no key reads")
            environment[name] = value.string
        }
        let container = try #require(deployment.at("spec.template.spec.containers")?.items.first)
        for item in container["env"]?.items ?? [] {
            let name = try #require(item["name"]?.string)
            if name.hasPrefix("QUIVER_") {
                #expect(Self.knownVariables.contains(name), "Deployment sets \(name), which no key reads")
                environment[name] = item["value"]?.string?.replacingOccurrences(of: "$(POD_NAME)", with: "quiver-0")
            }
        }
        // The mounted key file exists in the pod; here a stand-in with a valid key.
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("k8s-keys-\(UInt64.random(in: 0...UInt64.max))").path
        try Data("sha256:\(String(repeating: "0", count: 64))\n".utf8).write(to: URL(fileURLWithPath: keyFile))
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        #expect(environment["QUIVER_AUTH_API_KEYS_FILE"] == "/etc/quiver/keys/api-keys")
        environment["QUIVER_AUTH_API_KEYS_FILE"] = keyFile
        let config = try ConfigLoader().load(configPath: try emptyConfigFile(), environment: environment, flags: [])
        #expect(config.ignoredEnvironment.isEmpty)
        #expect(config[ConfigKeys.host] == "0.0.0.0")
        #expect(config[ConfigKeys.logFormat] == .json)

        // The key file is mounted where QUIVER_AUTH_API_KEYS_FILE points, from the example Secret's key.
        let mounts = container["volumeMounts"]?.items ?? []
        let keysMount = try #require(mounts.first { $0["name"]?.string == "api-keys" })
        #expect("/etc/quiver/keys/api-keys".hasPrefix(keysMount["mountPath"]?.string ?? "-"))
        let secret = try #require(manifests["Secret"])
        #expect(secret.at("stringData.api-keys") != nil)
        let volumes = deployment.at("spec.template.spec.volumes")?.items ?? []
        #expect(volumes.first { $0["name"]?.string == "api-keys" }?.at("secret.secretName")?.string == secret.at("metadata.name")?.string)
        #expect(volumes.first { $0["name"]?.string == "data" }?.at("persistentVolumeClaim.claimName")?.string
            == manifests["PersistentVolumeClaim"]?.at("metadata.name")?.string)
        let dataMount = try #require(mounts.first { $0["name"]?.string == "data" }?["mountPath"]?.string)
        #expect(config[ConfigKeys.dataDir].hasPrefix(dataMount))
    }

    @Test func podIsHardenedAndOutlivesTheDrain() throws {
        let manifests = try Self.manifests()
        let deployment = try #require(manifests["Deployment"])
        let pod = try #require(deployment.at("spec.template.spec"))
        let container = try #require(pod["containers"]?.items.first)
        #expect(pod["enableServiceLinks"]?.string == "false")
        #expect(pod.at("securityContext.runAsNonRoot")?.string == "true")
        #expect(container.at("securityContext.readOnlyRootFilesystem")?.string == "true")
        #expect(container.at("securityContext.allowPrivilegeEscalation")?.string == "false")
        #expect(container.at("securityContext.capabilities.drop")?.items.first?.string == "ALL")
        #expect(container.at("resources.requests.cpu") != nil)
        #expect(container.at("resources.limits.memory") != nil)

        let grace = try #require(pod["terminationGracePeriodSeconds"]?.string.flatMap { Double($0) })
        let drain = try #require(manifests["ConfigMap"]?.at("data.QUIVER_DRAIN_TIMEOUT_SECONDS")?.string.flatMap { Double($0) })
        let preStop = container.at("lifecycle.preStop.exec.command")?.items.last?.string.flatMap { Double($0) } ?? 0
        #expect(grace > drain + preStop, "terminationGracePeriodSeconds \(grace) must exceed preStop \(preStop) + drain \(drain)")

        let hpa = try #require(manifests["HorizontalPodAutoscaler"])
        #expect(hpa.at("spec.scaleTargetRef.name")?.string == deployment.at("metadata.name")?.string)
        #expect(hpa.at("spec.scaleTargetRef.kind")?.string == "Deployment")
    }

    @Test func dockerfileMatchesTheServer() async throws {
        let dockerfile = try Self.read("Dockerfile")
        let served = try await Self.servedRoutes()
        #expect(dockerfile.contains("swift build -c release"))
        #expect(dockerfile.contains("FROM debian:bookworm-slim"))
        for library in ["libcurl4", "libsqlite3-0", "libopenblas0-pthread", "libjemalloc2"] {
            #expect(dockerfile.contains(library), "\(library)")
        }
        // The image runs quiver on jemalloc (Benchmarks/query/run.sh measures it against glibc's malloc).
        #expect(dockerfile.contains("LD_PRELOAD=libjemalloc.so.2"))
        let healthcheck = try #require(dockerfile.split(separator: "\n").first { $0.contains("http://127.0.0.1") })
        #expect(healthcheck.contains("/health") && served.contains("GET /health"))
        let user = try #require(dockerfile.split(separator: "\n").last { $0.hasPrefix("USER ") })
        #expect(!user.contains("root") && !user.hasSuffix(" 0"))
        var environment: [String: String] = [:]
        for line in dockerfile.split(separator: "\n") {
            for token in line.split(separator: " ") where token.hasPrefix("QUIVER_") && token.contains("=") {
                let parts = token.split(separator: "=", maxSplits: 1)
                environment[String(parts[0])] = String(parts[1])
            }
        }
        for name in environment.keys { #expect(Self.knownVariables.contains(name), "Dockerfile sets \(name), which no key reads") }
        let dataDir = try #require(environment["QUIVER_DATA_DIR"])
        #expect(dockerfile.contains(#"VOLUME ["\#(dataDir)"]"#))
        #expect(dockerfile.contains("EXPOSE \(environment["QUIVER_PORT"] ?? "?")"))
    }

    @Test func systemdUnitSetsOnlyKnownKeysAndIsHardened() throws {
        let unit = try Self.read("config/systemd/quiver.service")
        for line in unit.split(separator: "\n") where line.hasPrefix("Environment=") {
            let name = String(line.dropFirst("Environment=".count).split(separator: "=").first ?? "")
            // LD_PRELOAD is the allocator (jemalloc), read by the dynamic loader, not by a key.
            #expect(Self.knownVariables.contains(name) || (name == "LD_PRELOAD" && line.hasSuffix("=libjemalloc.so.2")), "\(name)")
        }
        for option in ["NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "DynamicUser=yes", "RestartPreventExitStatus=2"] {
            #expect(unit.contains(option), "\(option)")
        }
        #expect(unit.contains("ExecStart=/usr/local/bin/quiver serve"))
    }
}

@Suite struct MiniYAMLTests {
    @Test func parsesTheSubsetTheManifestsUse() throws {
        let yaml = """
            a: 1 # comment
            b:
              c: "x # not a comment"
              d: [p, "q"]
            e:
              - name: one
                value: "1"
              - plain
              -
                nested: yes
            ---
            kind: Other
            """
        let docs = try MiniYAML.parseDocuments(yaml)
        #expect(docs.count == 2)
        #expect(docs[0].at("b.c")?.string == "x # not a comment")
        #expect(docs[0].at("b.d")?.items.map(\.string) == ["p", "q"])
        #expect(docs[0]["e"]?.items.first?["value"]?.string == "1")
        #expect(docs[0]["e"]?.items[1].string == "plain")
        #expect(docs[0]["e"]?.items[2]["nested"]?.string == "yes")
        #expect(docs[1]["kind"]?.string == "Other")
    }

    @Test func rejectsBadIndentation() {
        #expect(throws: YAMLError.self) { try MiniYAML.parseDocuments("a: 1\n   b: 2\n") }
    }
}
