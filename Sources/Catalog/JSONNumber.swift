/// A JSON number: always available as a `Double`, and also as an exact `Int64` when the number is
/// integral and fits (so `9007199254740993` keeps its last digit).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The value as a double (possibly rounded for big integers).
    public let double: Double
    /// The exact integer value, when the number is integral and fits in `Int64`.
    public let int: Int64?

    /// An integer number.
    public init(_ value: Int64) {
        self.double = Double(value)
        self.int = value
    }

    /// An integer number.
    public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// A number from a double; `int` is set when the double is integral and strictly inside ±2^63.
    public init(_ value: Double) {
        self.double = value
        self.int = JSONNumber.exactInt(value)
    }

    /// A number with both representations given (used by the parser for big integers).
    init(double: Double, int: Int64?) {
        self.double = double
        self.int = int
    }

    /// Whether the number is integral (JSON Schema's `integer`): `1.0` is an integer, `1.5` is not.
    public var isIntegral: Bool {
        int != nil || (double.isFinite && double.rounded(.towardZero) == double)
    }

    /// The exact `Int64` of an integral double strictly inside (-2^63, 2^63), else nil.
    public static func exactInt(_ value: Double) -> Int64? {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        guard value > -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(value)
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let l = lhs.int, let r = rhs.int { return l == r }
        return lhs.double == rhs.double
    }

    public func hash(into hasher: inout Hasher) {
        if let int { hasher.combine(int) } else { hasher.combine(double) }
    }

    /// Compares two numbers exactly when both are integers, otherwise as doubles.
    public static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
        if let l = lhs.int, let r = rhs.int { return l < r ? -1 : (l > r ? 1 : 0) }
        if lhs.double < rhs.double { return -1 }
        if lhs.double > rhs.double { return 1 }
        return 0
    }

    /// JSON text for the number: integers without a fraction, others in the shortest form that
    /// round-trips; non-finite values (which JSON cannot hold) as `null`.
    public var description: String {
        if let int { return String(int) }
        guard double.isFinite else { return "null" }
        if double.rounded(.towardZero) == double, abs(double) < 1e17 {
            return String(Int64(double))
        }
        return "\(double)"
    }
}
