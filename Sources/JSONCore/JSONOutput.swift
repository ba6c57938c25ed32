/// Where JSON text is appended: a `String` or a `[UInt8]` of UTF-8. The writer, the string escaper and the
/// number formatter are generic over it, so each module keeps the buffer type it already uses.
public protocol JSONOutput {
    init()
    /// Appends one ASCII byte (below 0x80).
    mutating func appendASCII(_ byte: UInt8)
    /// Appends text as is (it is already valid JSON where it lands, or a part of a string literal).
    mutating func appendText(_ text: String)
    /// Appends valid UTF-8 bytes as is.
    mutating func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension String: JSONOutput {
    @inlinable public mutating func appendASCII(_ byte: UInt8) { unicodeScalars.append(Unicode.Scalar(byte)) }
    @inlinable public mutating func appendText(_ text: String) { self += text }
    @inlinable public mutating func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>) { self += String(decoding: bytes, as: UTF8.self) }
}

extension Array: JSONOutput where Element == UInt8 {
    @inlinable public mutating func appendASCII(_ byte: UInt8) { append(byte) }
    @inlinable public mutating func appendText(_ text: String) { append(contentsOf: text.utf8) }
    @inlinable public mutating func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
