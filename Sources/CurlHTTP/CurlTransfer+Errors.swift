internal import CCurl
import Synchronization

extension CurlTransfer {
    /// The ``CurlError`` for a transfer that ended with `result` (driver thread).
    func makeError(_ result: CURLcode) -> CurlError {
        let status = head?.status
        if shared.withLock({ $0.cancelled }) { return cancelledError() }
        if overLimit || result == CURLE_FILESIZE_EXCEEDED {
            return CurlError(.responseTooLarge, "response body exceeds maxResponseBytes (\(maxResponseBytes) bytes)", url: url, status: status)
        }
        if let rejectedAddress {
            return CurlError(.addressRejected, "connection to \(rejectedAddress) refused by the connection filter", url: url)
        }
        let text = easy.message(for: result)
        let code = Int(result.rawValue)
        switch result {
        case CURLE_OPERATION_TIMEDOUT where idleExpired:
            let ms = idleTimeout?.curlMilliseconds ?? 0
            return CurlError(.timeout, "idle timeout: no data for \(ms) ms", url: url, status: status, curlCode: code)
        case CURLE_OPERATION_TIMEDOUT:
            let connected = (easy.offset(CURLINFO_CONNECT_TIME_T) ?? 0) > 0
            let phase = connected ? "timeout" : "connect timeout"
            return CurlError(.timeout, "\(phase): \(text)", url: url, status: status, curlCode: code)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return CurlError(.connectFailed, text, url: url, curlCode: code)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return CurlError(.connectionLost, text, url: url, status: status, curlCode: code)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return CurlError(.invalidRequest, text, url: url, curlCode: code)
        default:
            return CurlError(.curl, text, url: url, status: status, curlCode: code)
        }
    }
}
