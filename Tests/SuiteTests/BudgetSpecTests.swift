import XCTest
@testable import BenchModel
import MemoryProbe

/// `--budget 'scenario/variant peak<=8MiB'`: what it reads, and one clear line for each way it
/// can be wrong.
final class BudgetSpecTests: XCTestCase {
    func testReadsATargetAndItsLimits() throws {
        XCTAssertEqual(try BudgetSpec.parse("csv-parse/swiftcsv peak<=8MiB"),
                       BudgetSpec(scenario: "csv-parse", budgets: [Budget(metric: .peak, limit: 8 << 20, variant: "swiftcsv")]))
        XCTAssertEqual(try BudgetSpec.parse("csv-parse peak <= 8 MiB, afterRelease≤512KiB allocations<=50k"), BudgetSpec(scenario: "csv-parse", budgets: [
            Budget(metric: .peak, limit: 8 << 20), Budget(metric: .afterRelease, limit: 512 << 10), Budget(metric: .allocations, limit: 50_000),
        ]))
        XCTAssertEqual(try BudgetSpec.parse("s/v allocations<=1_500 after-release<=1.5GiB").budgets, [
            Budget(metric: .allocations, limit: 1_500, variant: "v"), Budget(metric: .afterRelease, limit: 3 << 29, variant: "v"),
        ])
        XCTAssertEqual(try BudgetSpec.parse("parse2 peak<=2M allocations<=2M").budgets,
                       [Budget(metric: .peak, limit: 2 << 20), Budget(metric: .allocations, limit: 2_000_000)],
                       "M is a mebibyte for bytes and a million for a count; a digit in the name is not a value")
    }

    func testEachBadSpecSaysWhatIsWrongInOneLine() {
        let cases: [(String, String)] = [
            ("", "budget '' is empty: write SCENARIO[/VARIANT] peak<=8MiB"),
            ("peak<=8MiB", "budget 'peak<=8MiB' starts with a limit: name the scenario first, e.g. 'my-scenario/my-variant peak<=8MiB'"),
            ("csv-parse", "budget 'csv-parse' sets no limit: add one, e.g. 'csv-parse peak<=8MiB'"),
            ("csv-parse/ peak<=8MiB", "budget 'csv-parse/ peak<=8MiB': 'csv-parse/' is not SCENARIO or SCENARIO/VARIANT"),
            ("a/b/c peak<=8MiB", "budget 'a/b/c peak<=8MiB': 'a/b/c' is not SCENARIO or SCENARIO/VARIANT"),
            ("s pek<=8MiB", "budget 's pek<=8MiB': unknown metric 'pek'; use peak, afterRelease, allocations"),
            ("s peak=8MiB", "budget 's peak=8MiB': 'peak=8MiB' is not METRIC<=VALUE, e.g. peak<=8MiB"),
            ("s peak<=8", "budget 's peak<=8': peak<=8 has no unit; write e.g. peak<=8MiB (or KiB, GiB, B)"),
            ("s peak<=", "budget 's peak<=': peak<= has no value; write e.g. peak<=8MiB"),
            ("s peak<=8Mb5", "budget 's peak<=8Mb5': '8Mb5' is not a size; write e.g. 8MiB, 512KiB, 1.5GiB"),
            ("s peak<=eightMiB", "budget 's peak<=eightMiB': 'eightMiB' is not a size; write e.g. 8MiB, 512KiB, 1.5GiB"),
            ("s peak<=0MiB", "budget 's peak<=0MiB': '0MiB' is not a size; write e.g. 8MiB, 512KiB, 1.5GiB"),
            ("s allocations<=8MiB", "budget 's allocations<=8MiB': allocations<=8MiB is not a count; write e.g. allocations<=50000 or allocations<=50k"),
            ("s allocations<=-3", "budget 's allocations<=-3': allocations<=-3 is not a count; write e.g. allocations<=50000 or allocations<=50k"),
            ("s peak<=8MiB peak<=9MiB", "budget 's peak<=8MiB peak<=9MiB' limits peak twice: keep one"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try BudgetSpec.parse(text), text) { error in
                XCTAssertTrue(error is BudgetSpec.Invalid, "\(text): \(error)")
                XCTAssertEqual("\(error)", message)
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
        XCTAssertEqual(cases.count, 15)
    }

    func testValidationNamesTheScenariosAndVariantsTheWorkerHas() throws {
        let scenario = ScenarioDescription(
            name: "csv-parse", summary: "", sizeUnit: "rows", defaultSize: 10, quickSize: 1, sweepSizes: nil, isHidden: false,
            variants: [ScenarioVariant(name: "swiftcsv", summary: "", phases: ["parse"]), ScenarioVariant(name: "csv-stream", summary: "", phases: ["parse"])],
            reportedPhases: ["parse"], livePhase: "parse", releasePhase: nil, verificationPhases: [], comparisons: [], figures: [],
            figuresByAllocator: false, parameters: [])
        let catalog = ScenarioCatalogDescription(scenarios: [scenario])
        XCTAssertNoThrow(try BudgetSpec.parse("csv-parse/csv-stream peak<=8MiB").validate(against: catalog))
        XCTAssertNoThrow(try BudgetSpec.parse("csv-parse peak<=8MiB").validate(against: catalog))
        XCTAssertThrowsError(try BudgetSpec.parse("csv-parse/swift-csv peak<=8MiB").validate(against: catalog)) { error in
            XCTAssertEqual("\(error)", "budget for csv-parse/swift-csv: no such variant; csv-parse has swiftcsv, csv-stream")
        }
        XCTAssertThrowsError(try BudgetSpec.parse("csvparse peak<=8MiB").validate(against: catalog)) { error in
            XCTAssertEqual("\(error)", "budget for csvparse: no such scenario; known: csv-parse")
        }
    }
}
