public import Foundation

/// What builtins may use besides their arguments: a clock (so `datetime_now` is testable), a
/// regular-expression engine, and limits.
public struct BuiltinContext: Sendable {
    public var now: @Sendable () -> Date
    public var regex: any RegexEngine
    public var limits: BuiltinLimits

    public init(now: @escaping @Sendable () -> Date = { Date() }, regex: any RegexEngine = LinearRegexEngine(), limits: BuiltinLimits = BuiltinLimits()) {
        self.now = now
        self.regex = regex
        self.limits = limits
    }
}
