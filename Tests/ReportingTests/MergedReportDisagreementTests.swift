import XCTest
@testable import Reporting
@testable import BenchModel
import Statistics

/// Where testbeds disagree: only decided verdicts that point different ways count.
final class MergedReportDisagreementTests: XCTestCase {
    /// A testbed's figure with an interval of ± `halfWidthMiB` around its effect.
    func figure(_ effectMiB: Double, _ verdict: Verdict.Kind, halfWidthMiB: Double = 2) -> MergedReport.Figure {
        MergedReport.Figure(referenceMedianBytes: 100 * 1_048_576, candidateMedianBytes: (100 + effectMiB) * 1_048_576,
                            effectBytes: effectMiB * 1_048_576,
                            interval: Interval(lower: (effectMiB - halfWidthMiB) * 1_048_576, upper: (effectMiB + halfWidthMiB) * 1_048_576),
                            verdict: verdict, referenceRuns: 3, candidateRuns: 3)
    }

    func scenario(_ figures: [MergedReport.Figure?]) -> [MergedReport.ScenarioSideBySide] {
        [MergedReport.ScenarioSideBySide(scenario: "threaded-churn", sizeUnit: "jobs", rows: [
            MergedReport.Row(kind: .allocator, size: 240, referenceVariant: "threaded", referenceConfiguration: "glibc",
                             candidateVariant: "threaded", candidateConfiguration: "jemalloc-preload", metric: .afterSettle,
                             figures: figures),
        ])]
    }

    func testLowerOnOneTestbedAndWithinNoiseOnAnotherIsADisagreement() {
        let findings = MergedReport.disagreements(scenario([figure(-40, .beyondNoise), figure(-1, .withinNoise)]), testbeds: ["x86", "arm64"])
        XCTAssertEqual(findings.count, 1)
        XCTAssertTrue(findings[0].contains("jemalloc-preload vs glibc"), findings[0])
        XCTAssertTrue(findings[0].contains("on `x86` it lowers it (−40.0 MiB, beyond noise)"), findings[0])
        XCTAssertTrue(findings[0].contains("on `arm64` it makes no difference beyond noise"), findings[0])
    }

    /// The same effect, called within noise on a noisier testbed, is not a disagreement.
    func testWithinNoiseWhoseIntervalHoldsTheOtherEffectIsNotADisagreement() {
        XCTAssertTrue(MergedReport.disagreements(scenario([figure(-16.3, .beyondNoise), figure(-16.4, .withinNoise, halfWidthMiB: 20)]),
                                                 testbeds: ["a", "b"]).isEmpty)
    }

    func testAgreementUndecidedAndUnmeasuredAreNotDisagreements() {
        XCTAssertTrue(MergedReport.disagreements(scenario([figure(-40, .beyondNoise), figure(-30, .beyondNoise)]), testbeds: ["a", "b"]).isEmpty)
        XCTAssertTrue(MergedReport.disagreements(scenario([figure(-40, .beyondNoise), figure(5, .undecided)]), testbeds: ["a", "b"]).isEmpty)
        XCTAssertTrue(MergedReport.disagreements(scenario([figure(-40, .beyondNoise), nil]), testbeds: ["a", "b"]).isEmpty)
        XCTAssertEqual(MergedReport.disagreements(scenario([figure(-40, .beyondNoise), figure(12, .beyondNoise)]), testbeds: ["a", "b"]).count, 1)
    }
}
