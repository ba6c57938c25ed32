/// The body of a ``CurlStreamingResponse``: byte chunks in the order curl receives them.
///
/// Iterate it once. Cancelling the iterating task, or dropping the stream and every iterator before the end,
/// cancels the transfer. A failure mid-body (timeout, cap, lost connection) is thrown from `next()`.
public struct CurlBodyStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    /// Keeps the transfer (and the client, so a stream outlives a temporary client); cancels the transfer when
    /// the last reference goes away before the end.
    final class Owner: Sendable {
        let transfer: CurlTransfer
        let client: CurlClient
        init(_ transfer: CurlTransfer, client: CurlClient) {
            self.transfer = transfer
            self.client = client
        }
        deinit { transfer.cancel() }
    }

    let owner: Owner

    public struct AsyncIterator: AsyncIteratorProtocol {
        let owner: Owner

        public mutating func next() async throws -> [UInt8]? {
            try await owner.transfer.nextChunk()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(owner: owner) }

    /// Reads the rest of the body into one array.
    public func collect() async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in self { all += chunk }
        return all
    }
}
