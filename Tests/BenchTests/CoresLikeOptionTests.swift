import XCTest
import ArgumentParser
import BenchModel
import Suite
@testable import bench

/// `--cores-like N` on the suite commands: every configuration of the plan carries the caps,
/// a bad N is one line, and `--resume` refuses it (the plan already has it).
final class CoresLikeOptionTests: XCTestCase {
    func testTheOptionChangesEveryConfigurationOfThePlan() throws {
        let options = try SuiteOptions.parse(["--cores-like", "32", "--allocators", "glibc,glibc-arenas-2,jemalloc-background"])
        let plan = try options.plan([RunPlan.Selection(scenario: "s", variants: ["a"], sizes: [1])])
        XCTAssertEqual(plan.allocators.map(\.environment["MALLOC_ARENA_MAX"]), ["256", "2", nil])
        XCTAssertEqual(plan.allocators.last?.environment["MALLOC_CONF"], "background_thread:true,narenas:128")
        XCTAssertEqual(plan.coresLike, 32)
        XCTAssertNil(try SuiteOptions.parse([]).plan([RunPlan.Selection(scenario: "s", variants: ["a"], sizes: [1])]).coresLike)
    }

    func testABadCountIsOneLineAndResumeRefusesIt() throws {
        for bad in ["0", "2000"] {
            XCTAssertThrowsError(try SuiteOptions.parse(["--cores-like", bad])) { error in
                XCTAssertEqual(Bench.message(for: error), "--cores-like must be a CPU count from 1 to 1024, not \(bad)")
            }
        }
        XCTAssertEqual(try SuiteOptions.parse(["--cores-like", "8"]).planOptionsGiven, ["--cores-like"])
    }
}
