internal import CCurl

// The C callbacks given to curl. `context` is the unretained `CurlTransfer`, kept alive by the driver's
// table of active transfers for as long as curl can call back.

let curlWriteCallback: quiver_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let (length, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
}

let curlHeaderCallback: quiver_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let (length, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: length))
}

/// Asks the client's connection filter about each address before a socket is opened for it.
let curlOpenSocketCallback: curl_opensocket_callback = { context, _, address in
    guard let context, let address else { return quiver_curl_socket_bad() }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    var buffer = [CChar](repeating: 0, count: 64)
    let ok = buffer.withUnsafeMutableBufferPointer { quiver_curl_sockaddr_ip(address, $0.baseAddress, 64) == 0 }
    let ip = ok ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown address"
    guard ok, transfer.connectionFilter?(ip) ?? true else {
        transfer.rejectedAddress = ip
        return quiver_curl_socket_bad()
    }
    return quiver_curl_open_socket(address)
}
