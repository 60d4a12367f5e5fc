import XCTest
@testable import Statistics

final class MultipleComparisonsTests: XCTestCase {
    // Reference values from R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm" / "BH").
    let pValues = [0.01, 0.04, 0.03, 0.005]

    func testHolmMatchesR() {
        let adjusted = MultipleComparisons.holm(pValues)
        for (a, e) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { XCTAssertEqual(a, e, accuracy: 1e-12) }
    }

    func testBenjaminiHochbergMatchesR() {
        let adjusted = MultipleComparisons.benjaminiHochberg(pValues)
        for (a, e) in zip(adjusted, [0.02, 0.04, 0.04, 0.02]) { XCTAssertEqual(a, e, accuracy: 1e-12) }
    }

    func testAdjustedValuesAreCappedAndOrderPreserving() {
        let adjusted = MultipleComparisons.holm([0.9, 0.001, 0.5])
        XCTAssertEqual(adjusted, [1, 0.003, 1])
        XCTAssertEqual(MultipleComparisons.rejections([0.9, 0.001, 0.5], method: .holm, alpha: 0.05), [false, true, false])
        XCTAssertEqual(MultipleComparisons.holm([]), [])
    }
}
