import XCTest
@testable import Statistics

final class StudentTTests: XCTestCase {
    func testTwoSidedPAtTableValues() {
        XCTAssertEqual(StudentT.twoSidedP(2.776, degreesOfFreedom: 4), 0.05, accuracy: 1e-3)
        XCTAssertEqual(StudentT.twoSidedP(2.228, degreesOfFreedom: 10), 0.05, accuracy: 1e-3)
        XCTAssertEqual(StudentT.twoSidedP(12.706, degreesOfFreedom: 1), 0.05, accuracy: 1e-3)
        XCTAssertEqual(StudentT.twoSidedP(3.169, degreesOfFreedom: 10), 0.01, accuracy: 1e-4)
        XCTAssertEqual(StudentT.twoSidedP(0, degreesOfFreedom: 5), 1, accuracy: 1e-12)
    }

    func testCDFIsSymmetric() {
        XCTAssertEqual(StudentT.cdf(0, degreesOfFreedom: 3), 0.5, accuracy: 1e-12)
        XCTAssertEqual(StudentT.cdf(-2, degreesOfFreedom: 7) + StudentT.cdf(2, degreesOfFreedom: 7), 1, accuracy: 1e-12)
        XCTAssertEqual(StudentT.cdf(1.96, degreesOfFreedom: 1e6), 0.975, accuracy: 1e-4)
    }

    func testCriticalValueInvertsP() {
        XCTAssertEqual(StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: 4), 2.776, accuracy: 1e-3)
        XCTAssertEqual(StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: 10), 2.228, accuracy: 1e-3)
        XCTAssertEqual(StudentT.criticalValue(twoSidedP: 0.10, degreesOfFreedom: 2), 2.920, accuracy: 1e-3)
    }
}
