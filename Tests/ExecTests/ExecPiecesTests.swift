import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// The parts of `bench exec` that need no process: marker parsing, phases from outside
/// readings, the environment and the maps proof's verdicts.
final class ExecPiecesTests: XCTestCase {
    func testMarkersAreParsedAcrossChunksAndOtherLinesAreCounted() {
        var markers = PhaseMarkers()
        XCTAssertEqual(markers.feed(Data("phase lo".utf8)), [])
        XCTAssertEqual(markers.feed(Data("ad\nhello\nphase export rows=5\n\nphase".utf8)), ["load", "export"])
        XCTAssertEqual(markers.feed(Data(" release\nmemorybench-launcher pid=42 maxrss_kb=1000\n".utf8)), ["release"])
        XCTAssertEqual(markers.ignoredLines, 1, "only `hello` is neither a marker nor empty")
        XCTAssertEqual(markers.launcherReport?.pid, 42)
        XCTAssertEqual(markers.launcherReport?.maxRSSBytes, 1_024_000)
        XCTAssertNil(PhaseMarkers.phaseName(inLine: "phase"))
        XCTAssertNil(PhaseMarkers.phaseName(inLine: "phases x"))
    }

    func reading(_ seconds: Double, rss: Int, hwm: Int, cpu: Double = 0) -> ExternalPhaseRecorder.Reading {
        .init(seconds: seconds, status: ProcStatus(rssBytes: rss << 20, hwmBytes: hwm << 20), cpuSeconds: cpu)
    }

    func testWithoutMarkersTheRunIsOnePhaseWhosePeakIsWait4s() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.001, rss: 2, hwm: 2))
        recorder.sample(reading(0.5, rss: 90, hwm: 95))
        recorder.sample(reading(0.9, rss: 40, hwm: 95))
        recorder.finish(seconds: 1.0, maxRSSBytes: 120 << 20)
        XCTAssertEqual(recorder.firstSample?.rssBytes, 2 << 20)
        XCTAssertEqual(recorder.baseline?.rssBytes, 0, "without markers the figures are whole RSS")
        XCTAssertEqual(recorder.phases.map(\.name), ["run"])
        XCTAssertEqual(recorder.phases[0].peakBytes, 120 << 20, "the exit peak covers the tail after the last sample")
        XCTAssertEqual(recorder.phases[0].sampledPeakBytes, 90 << 20)
        XCTAssertEqual(recorder.phases[0].rssBytes, 40 << 20)
        XCTAssertEqual(recorder.phases[0].wallSeconds, 0.999, accuracy: 1e-9)
        XCTAssertEqual(recorder.series.count, 3)
    }

    func testMarkersSplitTheRunAndEachPhaseTakesItsOwnPeak() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.001, rss: 5, hwm: 5))
        recorder.sample(reading(0.1, rss: 10, hwm: 12))
        // `phase load` at 0.2 s: the part before it is "start", peaking at VmHWM 12.
        recorder.marker("load", reading: reading(0.2, rss: 11, hwm: 12, cpu: 0.1), resetError: nil)
        recorder.sample(reading(0.5, rss: 200, hwm: 210, cpu: 0.4))
        recorder.marker("release", reading: reading(0.6, rss: 150, hwm: 230, cpu: 0.5), resetError: nil)
        recorder.sample(reading(0.7, rss: 20, hwm: 150, cpu: 0.55))
        recorder.finish(seconds: 0.8, maxRSSBytes: 150 << 20)
        XCTAssertEqual(recorder.phases.map(\.name), ["start", "load", "release"])
        XCTAssertEqual(recorder.baseline?.rssBytes, 11 << 20, "the status at the first marker")
        XCTAssertEqual(recorder.markers, 2)
        XCTAssertEqual(recorder.phases.map { $0.peakBytes >> 20 }, [12, 230, 150])
        XCTAssertEqual(recorder.phases[1].startRssBytes, 11 << 20)
        XCTAssertEqual(recorder.phases[1].rssBytes, 150 << 20)
        XCTAssertEqual(recorder.phases[1].cpuSeconds, 0.4, accuracy: 1e-9)
        XCTAssertEqual(recorder.phases[2].rssBytes, 20 << 20)
    }

    func testAFailedResetTurnsLaterPeaksIntoSampledMaxima() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.0, rss: 5, hwm: 5))
        recorder.marker("a", reading: reading(0.1, rss: 50, hwm: 50), resetError: "EPERM")
        recorder.sample(reading(0.2, rss: 30, hwm: 80))
        recorder.finish(seconds: 0.3, maxRSSBytes: 80 << 20)
        XCTAssertEqual(recorder.resetFailure, "EPERM")
        XCTAssertEqual(recorder.phases.last?.peakBytes, 50 << 20, "max of start (50) and samples, not the lifetime VmHWM or wait4 (80)")
        XCTAssertEqual(recorder.phases.map(\.name), ["start", "a"])
    }

    func testTheEnvironmentDropsTheCallersAllocatorVariablesAndRecordsBothDifferences() throws {
        let jemalloc = AllocatorConfiguration(name: "je", summary: "", environment: ["LD_PRELOAD": "/lib/je.so"],
                                              expectedKind: .jemalloc, preloadLibrary: "/lib/je.so")
        let caller = ["PATH": "/usr/bin", "HOME": "/root", "LD_PRELOAD": "/tmp/evil.so", "MALLOC_ARENA_MAX": "1",
                      "GLIBC_TUNABLES": "glibc.malloc.arena_max=2", "MEMORYBENCH_PHASE_FD": "9", "DATABASE_URL": "x"]
        let built = ExecEnvironment(caller: caller, configuration: jemalloc, extra: ["MEMORYBENCH_PHASE_FD": "3"])
        XCTAssertEqual(built.environment, ["PATH": "/usr/bin", "HOME": "/root", "DATABASE_URL": "x",
                                           "LD_PRELOAD": "/lib/je.so", "MEMORYBENCH_PHASE_FD": "3"])
        XCTAssertEqual(built.set, ["LD_PRELOAD": "/lib/je.so", "MEMORYBENCH_PHASE_FD": "3"])
        XCTAssertEqual(Set(built.removed.keys), ["LD_PRELOAD", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES", "MEMORYBENCH_PHASE_FD"])
    }

    func testStaticBinariesAreToldFromDynamicOnes() {
        XCTAssertEqual(ExecutableInspection.isStaticELF("/bin/sh"), false)
        // Debian's ldconfig (libc-bin, essential) is linked static-pie.
        XCTAssertEqual(ExecutableInspection.isStaticELF("/sbin/ldconfig"), true)
        XCTAssertNil(ExecutableInspection.isStaticELF("/etc/hostname"))
    }

    func testTheMapsProofFailsAPreloadThatNeverMappedAndAGlibcRunThatMapsAnotherAllocator() {
        let library = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        let preload = AllocatorConfiguration(name: "jemalloc-preload", summary: "", environment: ["LD_PRELOAD": library],
                                             expectedKind: .jemalloc, preloadLibrary: library)
        var proof = ExecAllocatorProof(configuration: preload)
        XCTAssertTrue(proof.failure(ranSeconds: 0.002, executable: nil)?.contains("before /proc/PID/maps could be read") ?? false)
        proof.observe([], at: 0.01)
        XCTAssertTrue(proof.wantsRead(at: 0.6))
        XCTAssertTrue(proof.failure(ranSeconds: 1, executable: "/sbin/ldconfig")?.contains("statically linked") ?? false)
        proof.observe([library], at: 0.6)
        XCTAssertNil(proof.failure(ranSeconds: 1, executable: nil))
        XCTAssertEqual(proof.identity.kind, .jemalloc)
        XCTAssertFalse(proof.wantsRead(at: 5), "once mapped, no more reads")

        let glibc = AllocatorConfiguration(name: "glibc-arenas-2", summary: "", environment: ["MALLOC_ARENA_MAX": "2"],
                                           expectedKind: .glibc, arenaLimit: 2)
        var clean = ExecAllocatorProof(configuration: glibc)
        clean.observe([], at: 0.01)
        XCTAssertNil(clean.failure(ranSeconds: 1, executable: nil))
        XCTAssertTrue(clean.proof.contains("not visible from outside"), clean.proof)
        var linked = ExecAllocatorProof(configuration: glibc)
        linked.observe(["/opt/app/libtcmalloc.so.4"], at: 0.01)
        XCTAssertEqual(linked.failure(ranSeconds: 1, executable: nil),
                       "glibc-arenas-2: the command maps libtcmalloc.so.4 itself, so it does not run on glibc malloc")
    }

    func testTheInsideProofNeedsTheCommandsOwnReportAndIgnoresTheLaunchers() {
        let library = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        let preload = AllocatorConfiguration(name: "jemalloc-preload", summary: "", environment: ["LD_PRELOAD": library],
                                             expectedKind: .jemalloc, preloadLibrary: library)
        let launcher = ProbeReport(pid: 10, executable: "/opt/bench/bench-exec-launcher", mallocProvider: library, version: "jemalloc 5.3.0")
        let command = ProbeReport(pid: 11, executable: "/usr/bin/python3.11", mallocProvider: library, version: "jemalloc 5.3.0")
        let child = ProbeReport(pid: 12, executable: "/usr/bin/tool", mallocProvider: "/lib/x86_64-linux-gnu/libc.so.6", version: "glibc 2.36")

        // Only the launcher reported (the command ignored the preload): failed, never read from outside.
        var ignored = ExecAllocatorProof(configuration: preload)
        ignored.observeInside([launcher], root: 11, launcher: "/opt/bench/bench-exec-launcher")
        let why = ignored.failure(ranSeconds: 0.2, executable: nil) ?? ""
        XCTAssertTrue(why.hasPrefix("jemalloc-preload: the command's process never loaded the probe preloaded with libjemalloc.so.2"), why)
        XCTAssertTrue(why.contains("a static binary or a setuid program ignores LD_PRELOAD"), why)

        // The command reported jemalloc: proved without a single read of its maps.
        var proved = ExecAllocatorProof(configuration: preload)
        proved.observeInside([launcher, command], root: 11, launcher: "/opt/bench/bench-exec-launcher")
        XCTAssertNil(proved.failure(ranSeconds: 0.01, executable: nil))
        XCTAssertEqual(proved.identity.version, "jemalloc 5.3.0")
        XCTAssertTrue(proved.proof.hasPrefix("malloc bound to libjemalloc.so.2 (jemalloc 5.3.0) in the command's process"), proved.proof)

        // A process of the tree on another malloc fails the run and is named.
        var stray = ExecAllocatorProof(configuration: preload)
        stray.observeInside([command, child], root: 11, launcher: nil)
        XCTAssertEqual(stray.failure(ranSeconds: 1, executable: nil),
                       "jemalloc-preload: malloc in 1 of 2 processes of the command's tree resolves elsewhere: /usr/bin/tool → libc.so.6")

        // glibc: the command on jemalloc fails; a command that did not report falls back to the maps.
        let glibc = AllocatorConfiguration(name: "glibc", summary: "", environment: [:], expectedKind: .glibc)
        var wrong = ExecAllocatorProof(configuration: glibc)
        wrong.observeInside([command], root: 11, launcher: nil)
        XCTAssertTrue(wrong.failure(ranSeconds: 1, executable: nil)?.contains("resolves to \(library), not glibc's libc.so.6") == true)
        var silent = ExecAllocatorProof(configuration: glibc)
        silent.observeInside([], root: 11, launcher: nil)
        silent.observe([], at: 0.01)
        XCTAssertNil(silent.failure(ranSeconds: 1, executable: nil))
        XCTAssertTrue(silent.proof.contains("/proc/PID/maps"), silent.proof)
    }

    func testProbeReportsAreParsedFromKeyValueLines() {
        let text = "pid=42\nexe=/usr/bin/ruby\nmalloc=/usr/lib/libjemalloc.so.2\nversion=jemalloc 5.3.0\narena_max=\ntunables=\n"
        XCTAssertEqual(ProbeReport.parse(text), ProbeReport(pid: 42, executable: "/usr/bin/ruby", mallocProvider: "/usr/lib/libjemalloc.so.2",
                                                            version: "jemalloc 5.3.0"))
        XCTAssertNil(ProbeReport.parse("garbage"))
    }
}
