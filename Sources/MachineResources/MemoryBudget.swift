#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Reporting

/// The memory this process may plan to use, read from what the machine really
/// has rather than assumed, and the check every large allocation makes first.
///
/// The memory available is the least of: `MemAvailable` in `/proc/meminfo` (free
/// memory plus what the kernel can reclaim), the room left under the process's
/// cgroup limit (cgroup v2 `memory.max − memory.current`, or v1
/// `memory.limit_in_bytes − memory.usage_in_bytes`, as container runtimes and
/// CI sandboxes set them), and the room left under `ulimit -v` (`RLIMIT_AS` less
/// the process's current virtual size). Where none can be read, the physical
/// memory. It is read once per process, so every check in one run agrees.
///
/// A single plan (a sampled table, a sampler's stored draws, a benchmark's kept
/// results) may use `planBytes`, three quarters of what is available: the rest
/// is left for the copies, buffers and bookkeeping that are not counted.
public enum MemoryBudget {
    /// The memory available to this process when it was first asked, in bytes.
    public static let availableBytes: Int = readAvailableBytes()

    /// The most memory one plan may use: three quarters of `availableBytes`.
    public static var planBytes: Int { availableBytes / 4 * 3 }

    /// Whether `count` items of `bytesEach` bytes fit in `planBytes` (false on overflow).
    public static func fits(_ count: Int, bytesEach: Int) -> Bool {
        let total = max(0, count).multipliedReportingOverflow(by: max(1, bytesEach))
        return !total.overflow && total.partialValue <= planBytes
    }

    /// How many items of `bytesEach` bytes fit in `planBytes`.
    public static func capacity(bytesEach: Int) -> Int { planBytes / max(1, bytesEach) }

    /// a + b bytes, Int.max when that overflows: a size past any budget, never a wrapped one.
    public static func sum(_ a: Int, _ b: Int) -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : value
    }

    /// a · b bytes, Int.max when that overflows (operands are counts and sizes, not negative).
    public static func product(_ a: Int, _ b: Int) -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : value
    }

    /// A sentence part for errors: "about 12.5 GB, more than the 9.3 GB this machine has
    /// room for" — the need of `count` items of `bytesEach` bytes against `planBytes`.
    public static func shortfall(_ count: Int, bytesEach: Int) -> String {
        "about \(format(bytes: Double(max(0, count)) * Double(max(1, bytesEach)))), more than the "
            + "\(format(bytes: Double(planBytes))) this machine has room for"
    }

    /// A byte count in decimal units with three significant digits ("1.2 TB", "640 GB", "12.5 MB").
    public static func format(bytes: Double) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = bytes, k = 0
        while value >= 1000, k < units.count - 1 {
            value /= 1000
            k += 1
        }
        return (k == 0 ? String(Int(value)) : NumberFormatting.significant(value, digits: 3)) + " " + units[k]
    }

    // MARK: - Reading the limits

    static func readAvailableBytes() -> Int {
        let candidates = [meminfoAvailable(), cgroupRoom(), addressSpaceRoom()].compactMap { $0 }
        return candidates.min() ?? Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }

    /// `MemAvailable` from /proc/meminfo, in bytes.
    static func meminfoAvailable() -> Int? {
        kibibyteField("MemAvailable:", in: "/proc/meminfo")
    }

    /// The room under the process's cgroup memory limit (v2, then v1), when one is set.
    static func cgroupRoom() -> Int? {
        let paths = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var v2Path = "", v1Path = ""
        for line in paths.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0" { v2Path = String(parts[2]) }
            if parts[1].split(separator: ",").contains("memory") { v1Path = String(parts[2]) }
        }
        let v2Roots = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]
        for root in v2Roots {
            for folder in [root + v2Path, root] {
                if let limit = number(in: folder + "/memory.max"), let used = number(in: folder + "/memory.current") {
                    return max(0, limit - used)
                }
            }
        }
        for folder in ["/sys/fs/cgroup/memory" + v1Path, "/sys/fs/cgroup/memory"] {
            if let limit = number(in: folder + "/memory.limit_in_bytes"),
               let used = number(in: folder + "/memory.usage_in_bytes") {
                // v1 reports "no limit" as a huge page-aligned number.
                return limit >= 1 << 60 ? nil : max(0, limit - used)
            }
        }
        return nil
    }

    /// The room under `ulimit -v`: RLIMIT_AS less the current virtual size, when a limit is set.
    static func addressSpaceRoom() -> Int? {
        #if canImport(Glibc)
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        let size = kibibyteField("VmSize:", in: "/proc/self/status") ?? 0
        return max(0, Int(clamping: limit.rlim_cur) - size)
        #else
        return nil
        #endif
    }

    /// A whole number from a one-value file such as `memory.max` (nil for "max" or unreadable).
    private static func number(in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The value of a "Name:   1234 kB" line of a /proc file, in bytes.
    private static func kibibyteField(_ name: String, in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let fields = line.dropFirst(name.count).split(separator: " ")
            if let kib = fields.first.flatMap({ Int($0) }) { return kib.multipliedReportingOverflow(by: 1024).partialValue }
        }
        return nil
    }
}
