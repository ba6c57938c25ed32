/// JSON number text: integers and finite doubles. JSON has no NaN or infinity, so those are refused
/// (`nil` / `false`) and the caller decides what stands in for them.
public enum JSONNumberText {
    /// How a finite double is written.
    public enum Style: Sendable, Equatable {
        /// Swift's shortest text that reads back to the same double: `1.0`, `2.5`, `1e+300`, `-0.0`.
        case shortest
        /// Integral values below 1e15 in magnitude as plain integers (`1`, `-3`, and `0` for -0.0);
        /// everything else as `shortest`.
        case integralAsInteger
    }

    /// The JSON text of `value`, or nil when it is NaN or infinite.
    @inlinable
    public static func text(_ value: Double, style: Style = .shortest) -> String? {
        guard value.isFinite else { return nil }
        if style == .integralAsInteger, value == value.rounded(), Swift.abs(value) < 1e15 {
            return String(Int64(value))  // exact: |value| < 1e15 fits Int64
        }
        return value.description
    }

    /// Appends the JSON text of `value`; returns false (appending nothing) when it is NaN or infinite.
    @inlinable @discardableResult
    public static func append<Output: JSONOutput>(_ value: Double, style: Style = .shortest, to out: inout Output) -> Bool {
        guard let text = text(value, style: style) else { return false }
        out.appendText(text)
        return true
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative), without allocating.
    @inlinable
    public static func append<Output: JSONOutput, Integer: BinaryInteger>(integer value: Integer, to out: inout Output) {
        // 40 digits cover 128-bit integers; wider types fall back to their description.
        guard value.bitWidth <= 128 else {
            out.appendText(String(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes of scratch
        withUnsafeMutableBytes(of: &digits) { raw in
            var end = raw.count
            var magnitude = value.magnitude
            repeat {
                end -= 1
                raw[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                end -= 1
                raw[end] = UInt8(ascii: "-")
            }
            let bound = raw.bindMemory(to: UInt8.self)
            out.appendUTF8(UnsafeBufferPointer(rebasing: bound[end...]))
        }
    }
}
