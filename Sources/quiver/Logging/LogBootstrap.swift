import Logging

/// Installs the process-wide log handler once: JSON lines or text on standard error.
enum LogBootstrap {
    static func bootstrap(format: LogFormat, level: LogLevelSetting) {
        let logLevel = level.loggerLevel
        switch format {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: logLevel) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = logLevel
                return handler
            }
        }
    }
}
