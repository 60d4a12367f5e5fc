import XCTest
@testable import BenchModel

/// The testbed fingerprint: what changes it, what does not, and how differences are named.
final class TestbedTests: XCTestCase {
    let fields = ["architecture": "x86_64", "onlineCPUs": "2", "usableCPUs": "2", "glibc": "2.36"]

    func testFingerprintFollowsTheFieldsAndIgnoresTheInformation() {
        let a = Testbed(name: "a", fields: fields, information: ["hostName": "one", "runId": "r1"])
        let b = Testbed(name: "b", fields: fields, information: ["hostName": "two", "runId": "r2"])
        XCTAssertEqual(a.fingerprint, b.fingerprint, "names and information are not fingerprinted")
        XCTAssertEqual(a.fingerprint.count, 64)
        var changed = fields
        changed["glibc"] = "2.39"
        let c = Testbed(name: "a", fields: changed, information: [:])
        XCTAssertNotEqual(a.fingerprint, c.fingerprint)
        XCTAssertEqual(a.differingFields(from: c), ["glibc"])
        XCTAssertEqual(a.describeDifferences(from: c), "glibc 2.36 vs 2.39")
        changed["pageSizeBytes"] = "65536"
        XCTAssertEqual(a.differingFields(from: Testbed(name: "a", fields: changed, information: [:])), ["glibc", "pageSizeBytes"])
    }

    func testAValueCannotPassForAnotherField() {
        let one = Testbed(name: "x", fields: ["a": "b\nc=d"], information: [:])
        let two = Testbed(name: "x", fields: ["a": "b", "c": "d"], information: [:])
        XCTAssertNotEqual(one.fingerprint, two.fingerprint)
    }

    func testKernelMajorMinorAndCPUListCount() {
        XCTAssertEqual(Testbed.kernelMajorMinor("Linux 6.18.44-fc-v857"), "Linux 6.18")
        XCTAssertEqual(Testbed.kernelMajorMinor("Linux 5.15.0-1064-azure"), "Linux 5.15")
        XCTAssertEqual(CPUCounts.count("0-3,6"), 5)
        XCTAssertEqual(CPUCounts.count("0"), 1)
        XCTAssertNil(CPUCounts.count("3-1"))
    }

    func testThisMachineRecordsBothCPUCountsAndAllocatorLibraries() {
        let testbed = Testbed.collect(name: nil, facts: .unknown, runId: "r", commit: "abc")
        XCTAssertEqual(testbed.name, Testbed.hostName(), "the host name by default")
        XCTAssertEqual(testbed.information["commit"], "abc")
        XCTAssertNotNil(Int(testbed.fields["usableCPUs"] ?? ""), "usable CPUs read from /proc/self/status")
        XCTAssertEqual(testbed.fields["pageSizeBytes"].flatMap { Int($0) }, Int(sysconf(Int32(_SC_PAGESIZE))))
        for library in Testbed.allocatorLibraries { XCTAssertNotNil(testbed.fields["library.\(library)"]) }
    }
}
