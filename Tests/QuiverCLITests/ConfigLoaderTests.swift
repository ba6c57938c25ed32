import Testing

@testable import quiver

import Foundation

/// Writes a temporary config file and removes it afterwards.
func withConfigFile<T>(_ contents: String, _ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-test-\(UInt64.random(in: 0...UInt64.max)).json").path
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

func load(file: String? = nil, env: [String: String] = [:], flags: [String] = []) throws -> Configuration {
    // An explicit file (an empty object when none is given), so the repository's config/quiver.json
    // never leaks into a test.
    try withConfigFile(file ?? "{}") { path in
        try ConfigLoader().load(configPath: path, environment: env, flags: flags)
    }
}

/// The errors of a load that must fail.
func loadErrors(file: String? = nil, env: [String: String] = [:], flags: [String] = []) throws -> [ConfigError] {
    do {
        _ = try load(file: file, env: env, flags: flags)
    } catch let errors as ConfigErrors {
        return errors.errors
    }
    Issue.record("expected the configuration to be refused")
    return []
}

@Suite struct ConfigPrecedenceTests {
    @Test func defaultsWhenNothingIsSet() throws {
        let config = try load()
        #expect(config[ConfigKeys.port] == 8080)
        #expect(config[ConfigKeys.host] == "127.0.0.1")
        #expect(config[ConfigKeys.logFormat] == .text)
        #expect(config[ConfigKeys.apiKeysFile] == nil)
        #expect(config.source(of: "port") == .defaults)
        #expect(config[ConfigKeys.rateLimitRequestsPerMinute] == 1200)
    }

    @Test func fileOverridesDefaultsEnvOverridesFileFlagsOverrideEnv() throws {
        let file = #"{"port": 9000, "host": "0.0.0.0", "rate_limit": {"burst": 7}, "log": {"format": "json"}}"#
        try withConfigFile(file) { path in
            let fileOnly = try ConfigLoader().load(configPath: path, environment: [:], flags: [])
            #expect(fileOnly[ConfigKeys.port] == 9000)
            #expect(fileOnly[ConfigKeys.rateLimitBurst] == 7)
            #expect(fileOnly[ConfigKeys.logFormat] == .json)
            #expect(fileOnly.source(of: "port") == .file(path: path))

            let env = ["QUIVER_PORT": "9100", "QUIVER_RATE_LIMIT_BURST": "8"]
            let withEnv = try ConfigLoader().load(configPath: path, environment: env, flags: [])
            #expect(withEnv[ConfigKeys.port] == 9100)
            #expect(withEnv[ConfigKeys.rateLimitBurst] == 8)
            #expect(withEnv[ConfigKeys.host] == "0.0.0.0")
            #expect(withEnv.source(of: "port") == .environment(variable: "QUIVER_PORT"))

            let withFlags = try ConfigLoader().load(configPath: path, environment: env, flags: ["--port", "9200", "--rate-limit-burst=9"])
            #expect(withFlags[ConfigKeys.port] == 9200)
            #expect(withFlags[ConfigKeys.rateLimitBurst] == 9)
            #expect(withFlags.source(of: "port") == .flag(name: "--port"))
            #expect(withFlags.source(of: "host") == .file(path: path))
        }
    }

    @Test func configFileFromEnvironment() throws {
        try withConfigFile(#"{"port": 9300}"#) { path in
            let config = try ConfigLoader().load(configPath: nil, environment: ["QUIVER_CONFIG": path], flags: [])
            #expect(config[ConfigKeys.port] == 9300)
            #expect(config.filePath == path)
        }
    }

    @Test func dottedKeysWorkInTheFileToo() throws {
        let config = try load(file: #"{"rate_limit.requests_per_minute": 30, "auth": {"metrics_public": true}}"#)
        #expect(config[ConfigKeys.rateLimitRequestsPerMinute] == 30)
        #expect(config[ConfigKeys.metricsPublic] == true)
    }

    @Test func requiredFlagsExist() {
        let flags = Set(ConfigKeys.all.map(\.flag))
        for flag in ["--host", "--port", "--data-dir", "--catalog"] {
            #expect(flags.contains(flag), "\(flag)")
        }
    }

    @Test func namesAreDerivedConsistently() {
        let key = ConfigKeys.rateLimitRequestsPerMinute
        #expect(key.environmentVariable == "QUIVER_RATE_LIMIT_REQUESTS_PER_MINUTE")
        #expect(key.flag == "--rate-limit-requests-per-minute")
        #expect(ConfigKeys.dataDir.environmentVariable == "QUIVER_DATA_DIR")
        #expect(ConfigKeys.dataDir.flag == "--data-dir")
        #expect(Set(ConfigKeys.all.map(\.name)).count == ConfigKeys.all.count)
        #expect(Set(ConfigKeys.all.map(\.environmentVariable)).count == ConfigKeys.all.count)
        #expect(Set(ConfigKeys.all.map(\.flag)).count == ConfigKeys.all.count)
    }

    @Test func booleanFlagsAndLists() throws {
        let config = try load(flags: ["--auth-metrics-public", "--debug-routes", "false", "--auth-api-keys", "aaaaaaaaaaaaaaaa1, bbbbbbbbbbbbbbbb2"])
        #expect(config[ConfigKeys.metricsPublic] == true)
        #expect(config[ConfigKeys.debugRoutes] == false)
        #expect(config[ConfigKeys.apiKeys] == ["aaaaaaaaaaaaaaaa1", "bbbbbbbbbbbbbbbb2"])
        let fromFile = try load(file: #"{"auth": {"api_keys": ["cccccccccccccccc3"]}}"#)
        #expect(fromFile[ConfigKeys.apiKeys] == ["cccccccccccccccc3"])
    }

    @Test func unknownQuiverEnvironmentIsIgnoredAndReported() throws {
        // e.g. Kubernetes service links (QUIVER_SERVICE_HOST) for a Service named quiver.
        let config = try load(env: ["QUIVER_SERVICE_HOST": "10.0.0.1", "HOME": "/root"])
        #expect(config.ignoredEnvironment == ["QUIVER_SERVICE_HOST"])
    }
}

@Suite struct ConfigValidationTests {
    @Test(arguments: [
        // (file, env, flags, key, source kind, reason fragment)
        (#"{"port": "eighty"}"#, [:], [], "port", "file", "expected an integer"),
        (#"{"port": 70000}"#, [:], [], "port", "file", "out of range 0...65535"),
        (#"{"port": 80.5}"#, [:], [], "port", "file", "expected an integer"),
        (#"{"host": ""}"#, [:], [], "host", "file", "must not be empty"),
        (#"{"prot": 1}"#, [:], [], "prot", "file", "unknown key; did you mean 'port'"),
        (#"{"rate_limit": {"brust": 1}}"#, [:], [], "rate_limit.brust", "file", "unknown key"),
        (#"{"log": {"format": "xml"}}"#, [:], [], "log.format", "file", "one of json, text"),
        (#"{"auth": {"metrics_public": "yes"}}"#, [:], [], "auth.metrics_public", "file", "a boolean"),
        (#"{"auth": {"api_keys": "k"}}"#, [:], [], "auth.api_keys", "file", "a list of strings"),
        (#"{"drain_timeout_seconds": -1}"#, [:], [], "drain_timeout_seconds", "file", "out of range"),
        (nil, ["QUIVER_PORT": "tcp://10.0.0.1:8080"], [], "port", "env", "expected an integer"),
        (nil, ["QUIVER_BODY_LIMIT_BYTES": "0"], [], "body_limit_bytes", "env", "out of range"),
        (nil, ["QUIVER_LOG_LEVEL": "loud"], [], "log.level", "env", "one of trace"),
        (nil, ["QUIVER_RATE_LIMIT_BURST": "0"], [], "rate_limit.burst", "env", "out of range"),
        (nil, [:], ["--port", "-1"], "port", "flag", "out of range"),
        (nil, [:], ["--port"], "port", "flag", "missing value"),
        (nil, [:], ["--colour", "red"], "--colour", "flag", "unknown option"),
        (nil, [:], ["--auth-api-keys", "short"], "auth.api_keys", "flag", "at least 16 characters"),
        (nil, [:], ["--auth-api-keys-file", "/nonexistent/keys"], "auth.api_keys_file", "flag", "cannot read"),
    ] as [(String?, [String: String], [String], String, String, String)])
    func badValueIsRefusedNamingKeySourceAndReason(
        file: String?, env: [String: String], flags: [String], key: String, source: String, reason: String
    ) throws {
        let errors = try loadErrors(file: file, env: env, flags: flags)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.key == key)
        #expect(error.source.kind == source)
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func malformedFileNamesLineAndColumn() throws {
        let errors = try loadErrors(file: "{\n  \"port\": 80,\n}")
        let error = try #require(errors.first)
        #expect(error.key == "config")
        #expect(error.reason.contains("line 3, column 1"), "\(error.reason)")
    }

    @Test func explicitMissingFileIsAnError() throws {
        do {
            _ = try ConfigLoader().load(configPath: "/nonexistent/quiver.json", environment: [:], flags: [])
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.reason.contains("cannot read the config file /nonexistent/quiver.json") == true)
        }
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let errors = try loadErrors(file: #"{"port": "x", "unknown": 1}"#, env: ["QUIVER_RATE_LIMIT_BURST": "-5"], flags: ["--host="])
        #expect(Set(errors.map(\.key)) == ["port", "unknown", "rate_limit.burst", "host"])
    }

    @Test func secretsAreNeverEchoed() throws {
        let errors = try loadErrors(env: ["QUIVER_AUTH_API_KEYS": "tiny-secret"])
        #expect(errors.count == 1)
        #expect(!errors.description.contains("tiny-secret"))
        let rendered = try load(env: ["QUIVER_AUTH_API_KEYS": "a-long-enough-secret-key"])
        #expect(!rendered.renderText().contains("a-long-enough-secret-key"))
        #expect(rendered.renderText().contains("<redacted>"))
        #expect(!rendered.renderJSON().contains("a-long-enough-secret-key"))
    }

    @Test func apiKeyFileIsRead() throws {
        let hashed = "sha256:" + String(repeating: "ab", count: 32)
        try withConfigFile("# keys\nfile-key-0123456789\n\n\(hashed)\n") { path in
            let config = try ConfigLoader().load(configPath: nil, environment: ["QUIVER_AUTH_API_KEYS_FILE": path], flags: [])
            #expect(config[ConfigKeys.apiKeysFile] == path)
        }
    }
}

extension [ConfigError] {
    var description: String { map(\.description).joined(separator: "\n") }
}
