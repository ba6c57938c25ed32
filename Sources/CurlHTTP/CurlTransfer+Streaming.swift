import Synchronization

extension CurlTransfer {
    // MARK: - Streaming consumer (any task)

    /// The next body chunk; nil at the end of the body.
    func nextChunk() async throws -> [UInt8]? {
        if Task.isCancelled { cancel() }
        if let ready = try takeReadyChunk() { return ready.chunk }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                do {
                    let ready = try takeReadyChunk(orInstall: continuation)
                    if let ready { continuation.resume(returning: ready.chunk) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            cancel()
        }
    }

    struct Ready { let chunk: [UInt8]? }

    /// A chunk, the end (chunk nil), an error, or nil when the caller must wait (then `waiter` is installed).
    func takeReadyChunk(orInstall waiter: CheckedContinuation<[UInt8]?, any Error>? = nil) throws -> Ready? {
        var unpause = false
        let outcome = shared.withLock { state -> Result<Ready?, CurlError> in
            if state.firstChunk < state.chunks.count {
                let chunk = state.chunks[state.firstChunk]
                state.firstChunk += 1
                state.bufferedBytes -= chunk.count
                if state.firstChunk == state.chunks.count {
                    state.chunks.removeAll(keepingCapacity: true)
                    state.firstChunk = 0
                }
                if state.paused && state.bufferedBytes <= streamBufferBytes / 4 {
                    state.paused = false
                    unpause = true
                }
                return .success(Ready(chunk: chunk))
            }
            if state.cancelled { return .failure(cancelledError()) }
            if state.done {
                if let failure = state.failure { return .failure(failure) }
                return .success(Ready(chunk: nil))
            }
            if let waiter { state.bodyWaiter = waiter }
            return .success(nil)
        }
        if unpause { driver.send(.unpause(self)) }
        return try outcome.get()
    }
}
