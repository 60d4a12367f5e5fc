#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe

/// The machine a report's figures belong to: a name (`--testbed NAME`, default the host name) and
/// a SHA-256 fingerprint over what changes memory figures, with what only identifies the run (host
/// name, run id, commit) kept apart as information (conbench's "machine info" split). Two reports
/// with the same fingerprint may be compared cell by cell; two with different ones are different
/// testbeds, laid side by side by `bench merge`, never tested against each other.
public struct Testbed: Codable, Sendable, Equatable {
    /// Bumped when the set of fingerprinted fields changes (a fingerprint of another version
    /// never matches).
    public static let fingerprintVersion = 1

    public var name: String
    /// Lowercase hex SHA-256 of `fingerprintVersion` and the `fields` in key order, each key and
    /// value prefixed with its length (so no value can pass for another field).
    public var fingerprint: String
    public var fingerprintVersion: Int
    /// What the fingerprint is over: architecture, page size, CPUs, memory, kernel, glibc,
    /// allocator libraries, THP, overcommit, swap, Swift, build configuration.
    public var fields: [String: String]
    /// What identifies the run but does not change its figures: host name, run id, commit, CPU
    /// model, the allocator versions the preflights proved.
    public var information: [String: String]

    public init(name: String, fields: [String: String], information: [String: String]) {
        self.name = name
        self.fields = fields
        self.information = information
        self.fingerprintVersion = Self.fingerprintVersion
        self.fingerprint = Self.fingerprint(of: fields, version: Self.fingerprintVersion)
    }

    public static func fingerprint(of fields: [String: String], version: Int) -> String {
        var hash = SHA256()
        hash.update(Array("memorybench-testbed-v\(version)\n".utf8))
        for key in fields.keys.sorted() {
            let value = fields[key] ?? ""
            hash.update(Array("\(key.utf8.count):\(key)=\(value.utf8.count):\(value)\n".utf8))
        }
        return hash.finalizeHex()
    }

    /// The fingerprinted fields whose values differ (a field one side lacks counts), in key order;
    /// a different fingerprint version is named as `fingerprintVersion`.
    public func differingFields(from other: Testbed) -> [String] {
        var differing = Set(fields.keys).union(other.fields.keys).filter { fields[$0] != other.fields[$0] }.sorted()
        if fingerprintVersion != other.fingerprintVersion { differing.insert("fingerprintVersion", at: 0) }
        return differing
    }

    /// "onlineCPUs 2 vs 1, usableCPUs 2 vs 1": the differing fields with both values.
    public func describeDifferences(from other: Testbed) -> String {
        differingFields(from: other).map { key in
            key == "fingerprintVersion" ? "fingerprint version \(fingerprintVersion) vs \(other.fingerprintVersion)"
                : "\(key) \(fields[key] ?? "absent") vs \(other.fields[key] ?? "absent")"
        }.joined(separator: ", ")
    }
}

extension Testbed {
    /// The shared libraries of the built-in preload configurations: their file (symlinks
    /// resolved, which often carries the version) and digest are fingerprinted whether or not a
    /// suite runs them, so that two suites on one machine with different `--allocators` stay
    /// one testbed. `jemalloc-linked` links the same libjemalloc.so.2.
    public static let allocatorLibraries = ["libjemalloc.so.2", "libtcmalloc_minimal.so.4", "libmimalloc.so.2"]

    /// This machine's testbed, from the facts a report already records plus page size, CPUs
    /// (online and usable), kernel major.minor and the allocator libraries' digests.
    /// `coresLike`: the CPU count whose arena caps the runs used (`--cores-like`): a field only
    /// when set, so testbeds made without it keep their fingerprint.
    public static func collect(name: String?, facts: MachineFacts, runId: String, commit: String?,
                               libraries: LibraryLocator = LibraryLocator(), coresLike: Int? = nil) -> Testbed {
        let cpus = CPUCounts.current()
        var fields: [String: String] = [
            "architecture": facts.architecture,
            "pageSizeBytes": String(Int(sysconf(Int32(_SC_PAGESIZE)))),
            // glibc 2.36 caps arenas at 8 × the online CPUs (sysconf), whatever the affinity.
            "onlineCPUs": String(facts.cores),
            // jemalloc counts the CPUs in the affinity mask (4 arenas per CPU, 1 with one CPU).
            "usableCPUs": cpus.usable.map(String.init) ?? "unknown",
            "memoryGiB": facts.memoryBytes.map { String(Int((Double($0) / 1_073_741_824).rounded())) } ?? "unknown",
            "kernel": kernelMajorMinor(facts.kernel),
            // glibc's own answer, the same before and after the preflights.
            "glibc": Self.glibcVersion(),
            "transparentHugePages": facts.transparentHugePages ?? "unknown",
            "transparentHugePagesDefrag": facts.transparentHugePagesDefrag ?? "unknown",
            "overcommitMemory": facts.overcommitMemory ?? "unknown",
            "swap": facts.swapTotalBytes.map { $0 > 0 ? "on" : "off" } ?? "unknown",
            "swift": facts.swiftVersion ?? "unknown",
            "buildConfiguration": facts.buildConfiguration,
        ]
        if let coresLike { fields["coresLike"] = String(coresLike) }
        for library in allocatorLibraries {
            fields["library.\(library)"] = libraries.find(library).map { path -> String in
                let file = canonicalPath(path) ?? path
                let digest = SHA256.hex(ofFile: file) ?? "unreadable"
                return "\(URL(fileURLWithPath: file).lastPathComponent) sha256:\(digest)"
            } ?? "absent"
        }
        var information: [String: String] = ["hostName": hostName(), "runId": runId, "kernelRelease": facts.kernel]
        information["commit"] = commit
        information["cpuModel"] = facts.cpuModel
        information["usableCPUList"] = cpus.usableList
        return Testbed(name: name ?? hostName(), fields: fields, information: information).withVersions(of: facts.allocators)
    }

    /// The allocator versions the preflights proved, added to the information (the fingerprint,
    /// taken when the suite starts, already covers the libraries' files).
    public func withVersions(of preflights: [AllocatorPreflight]) -> Testbed {
        var testbed = self
        for preflight in preflights {
            if let version = preflight.identity?.version { testbed.information["allocator.\(preflight.configuration.name)"] = version }
        }
        return testbed
    }

    /// "Linux 6.18.3-arch1" → "Linux 6.18".
    static func kernelMajorMinor(_ kernel: String) -> String {
        let parts = kernel.split(separator: " ", maxSplits: 1)
        guard let release = parts.last else { return kernel }
        let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(2)
        let version = numbers.joined(separator: ".")
        return parts.count == 2 ? "\(parts[0]) \(version)" : version
    }

    /// glibc's own version ("glibc 2.36" from confstr → "2.36", as the preflight words it), for a
    /// suite without a glibc preflight.
    static func glibcVersion() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return "unknown" }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasPrefix("glibc ") ? String(text.dropFirst("glibc ".count)) : text
    }

    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The CPUs this process may run on (its affinity, `Cpus_allowed_list` in /proc/self/status),
/// which `taskset` narrows while the online count stays.
struct CPUCounts {
    var usable: Int?
    var usableList: String?

    static func current() -> CPUCounts {
        guard let status = readWholeFile("/proc/self/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            return CPUCounts(usable: nil, usableList: nil)
        }
        let list = line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        return CPUCounts(usable: count(list), usableList: list)
    }

    /// "0-3,6" → 5.
    static func count(_ list: String) -> Int? {
        var total = 0
        for range in list.split(separator: ",") {
            let ends = range.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch ends.count {
            case 1: guard ends[0] != nil else { return nil }; total += 1
            case 2:
                guard let low = ends[0], let high = ends[1], high >= low else { return nil }
                total += high - low + 1
            default: return nil
            }
        }
        return total
    }
}
