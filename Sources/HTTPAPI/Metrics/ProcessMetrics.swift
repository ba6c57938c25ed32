#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process metrics in the standard Prometheus names, read from `/proc/self` at scrape time:
/// `process_resident_memory_bytes`, `process_virtual_memory_bytes`, `process_cpu_seconds_total`,
/// `process_open_fds`, `process_max_fds`, `process_start_time_seconds`.
struct ProcessMetrics: Sendable {
    let clockTicks: Double
    let pageSize: Double
    let bootTime: Double?
    /// Used as the start time where /proc/stat is hidden (systemd ProcSubset=pid): the moment the
    /// metrics were set up, within a second of process start.
    let fallbackStartTime: Double

    init() {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        clockTicks = ticks > 0 ? Double(ticks) : 100
        let page = sysconf(Int32(_SC_PAGESIZE))
        pageSize = page > 0 ? Double(page) : 4096
        bootTime = Self.readBootTime()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        fallbackStartTime = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    struct Sample {
        var residentBytes: Double?
        var virtualBytes: Double?
        var cpuSeconds: Double?
        var startTime: Double?
        var openFDs: Double?
        var maxFDs: Double?
    }

    func sample() -> Sample {
        var sample = Sample()
        if let stat = Self.readFile("/proc/self/stat"), let close = stat.lastIndex(of: ")") {
            // Fields after "pid (comm) ": state is field 3; utime 14, stime 15, starttime 22, vsize 23, rss 24.
            let rest = stat[stat.index(after: close)...].split(separator: " ")
            func field(_ n: Int) -> Double? {
                let i = n - 3
                return i >= 0 && i < rest.count ? Double(rest[i]) : nil
            }
            if let utime = field(14), let stime = field(15) { sample.cpuSeconds = (utime + stime) / clockTicks }
            if let start = field(22), let boot = bootTime { sample.startTime = boot + start / clockTicks }
            if sample.startTime == nil { sample.startTime = fallbackStartTime }
            sample.virtualBytes = field(23)
            if let rss = field(24) { sample.residentBytes = rss * pageSize }
        }
        sample.openFDs = Self.countOpenFDs()
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            sample.maxFDs = limit.rlim_cur == rlim_t.max ? nil : Double(limit.rlim_cur)
        }
        return sample
    }

    func emit(into buffer: inout [UInt8]) {
        let s = sample()
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(format(value))\n"
        }
        family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", s.cpuSeconds)
        family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", s.residentBytes)
        family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", s.virtualBytes)
        family("process_open_fds", "gauge", "Number of open file descriptors.", s.openFDs)
        family("process_max_fds", "gauge", "Maximum number of open file descriptors.", s.maxFDs)
        family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", s.startTime)
        buffer.append(contentsOf: text.utf8)
    }

    private func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > 1 << 20 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func readBootTime() -> Double? {
        guard let stat = readFile("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingASCIIWhitespace())
        }
        return nil
    }

    static func countOpenFDs() -> Double? {
        guard let dir = opendir("/proc/self/fd") else { return nil }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                raw.first == UInt8(ascii: ".")
            }
            if !isDot { count += 1 }
        }
        // One descriptor is the directory stream itself.
        return Double(max(count - 1, 0))
    }
}
