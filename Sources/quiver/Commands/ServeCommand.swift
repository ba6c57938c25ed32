import ArgumentParser
import HTTPAPI
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `quiver serve`: runs the HTTP API until SIGTERM or SIGINT, then stops accepting connections, lets
/// in-flight requests finish for up to `drain_timeout_seconds`, and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API.",
        discussion: ConfigOptions.flagHelp
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        LogBootstrap.bootstrap(format: config[ConfigKeys.logFormat], level: config[ConfigKeys.logLevel])
        let logger = {
            var logger = Logger(label: "quiver")
            logger.logLevel = config[ConfigKeys.logLevel].loggerLevel
            return logger
        }()
        for variable in config.ignoredEnvironment {
            logger.warning("ignoring environment variable that names no configuration key", metadata: ["variable": .string(variable)])
        }

        let settings: HTTPSettings
        do {
            settings = try HTTPSettings(configuration: config, version: Quiver.version)
        } catch {
            FileHandleOutput.stderr("quiver: \(error.description)\n")
            throw ExitCode(2)
        }

        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = MetricHelp.durationBuckets
        MetricsSystem.bootstrap(factory)
        let metrics = APIMetrics(registry: registry, version: Quiver.version, helpTexts: MetricHelp.texts)
        let readiness = ReadinessRegistry()
        let serverState = ReadinessFlag(initialMessage: "starting")
        readiness.register("server") { serverState.report }

        let capabilities = try await Capabilities.build(config: config, readiness: readiness, logger: logger)
        var httpLogger = Logger(label: "quiver.http")
        httpLogger.logLevel = logger.logLevel
        let server = APIServer(
            settings: settings,
            routeGroups: capabilities.routeGroups,
            readiness: readiness,
            metrics: metrics,
            logger: httpLogger
        )
        let host = settings.host
        let application = server.makeApplication { port in
            serverState.set(.ready("listening on \(host):\(port)"))
            logger.notice(
                "listening",
                metadata: ["host": .string(host), "port": .stringConvertible(port), "version": .string(Quiver.version)]
            )
        }
        let watcher = ShutdownWatcher(flag: serverState, logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: capabilities.services + [application, watcher],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        let drain = config[ConfigKeys.drainTimeoutSeconds]
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(Int64(drain * 1000))
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            guard watcher.shutdownRequested else {
                logger.critical("server failed", metadata: ["error": .string(String(describing: error))])
                throw ExitCode(1)
            }
            logger.warning(
                "drain timeout reached; remaining requests were cut",
                metadata: ["drain_timeout_seconds": .stringConvertible(drain), "error": .string(String(describing: error))]
            )
        }
        logger.notice("stopped")
    }
}

extension LogLevelSetting {
    var loggerLevel: Logger.Level {
        Logger.Level(rawValue: rawValue) ?? .info
    }
}
