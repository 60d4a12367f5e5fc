import Foundation
import BenchModel

/// How a variant's memory grows with the input size: a least-squares line through (size, bytes)
/// points, its fit quality, and a plain verdict.
public struct GrowthFit: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// The line rises by more than the noise allowance over the sizes measured.
        case grows
        /// Every point stays within the allowance of the others.
        case flat
        /// Neither: the points scatter more than the allowance without a clear rise (or fall).
        case unclear
    }

    /// Bytes per unit of size (bytes per row): the slope.
    public var bytesPerUnit: Double
    /// Bytes at size 0: the intercept.
    public var interceptBytes: Double
    /// Coefficient of determination, 0…1; nil when every point has the same value.
    public var rSquared: Double?
    public var points: Int
    public var minSize: Int
    public var maxSize: Int
    /// The smallest and largest measured value.
    public var minBytes: Double
    public var maxBytes: Double

    /// Changes smaller than this over the whole size range are not growth: the kernel's RSS
    /// counters and a process's own bookkeeping move by about a MiB (twice the report's floor).
    public static let defaultAllowanceBytes = 2.0 * 1_048_576

    /// The least-squares fit of `bytes` against `size`; nil with fewer than two distinct sizes.
    public init?(_ points: [(size: Int, bytes: Double)]) {
        guard Set(points.map(\.size)).count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map { Double($0.size) }.reduce(0, +) / n
        let meanY = points.map(\.bytes).reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for point in points {
            let dx = Double(point.size) - meanX, dy = point.bytes - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        bytesPerUnit = sxy / sxx
        interceptBytes = meanY - bytesPerUnit * meanX
        rSquared = syy > 0 ? max(0, min(1, (sxy * sxy) / (sxx * syy))) : nil
        self.points = points.count
        minSize = points.map(\.size).min() ?? 0
        maxSize = points.map(\.size).max() ?? 0
        minBytes = points.map(\.bytes).min() ?? 0
        maxBytes = points.map(\.bytes).max() ?? 0
    }

    /// The rise the line predicts from the smallest to the largest size.
    public var predictedGrowthBytes: Double { bytesPerUnit * Double(maxSize - minSize) }

    /// Grows: the line rises by more than `allowance` over the range and explains most of the
    /// scatter (R² ≥ 0.5). Flat: every measured value lies within `allowance` of the others.
    public func verdict(allowanceBytes: Double = defaultAllowanceBytes) -> Verdict {
        if predictedGrowthBytes > allowanceBytes && (rSquared ?? 0) >= 0.5 { return .grows }
        if maxBytes - minBytes <= allowanceBytes { return .flat }
        return .unclear
    }

    /// The slope in whole bytes with its sign: "+130", "−12", "0".
    public var slopeText: String {
        let rounded = bytesPerUnit.rounded()
        return rounded == 0 ? "0" : (rounded < 0 ? "−" : "+") + String(format: "%.0f", abs(rounded))
    }

    /// "+130 bytes/row, grows with N (R² 0.99)", "flat (within ±0.4 MiB from 10,000 to 1,000,000 rows)".
    public func sentence(unit: String, allowanceBytes: Double = defaultAllowanceBytes) -> String {
        let singular = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
        let quality = rSquared.map { String(format: "R² %.2f", $0) } ?? "R² undefined: every point equal"
        let slope = "\(slopeText) bytes/\(singular)"
        switch verdict(allowanceBytes: allowanceBytes) {
        case .grows:
            return "\(slope), grows with N (\(quality))"
        case .flat:
            let half = max(0.1, ((maxBytes - minBytes) / 2 / 1_048_576 * 10).rounded(.up) / 10)
            return "flat (within ±\(String(format: "%.1f", half)) MiB from \(grouped(minSize)) to \(grouped(maxSize)) \(unit); \(slope), \(quality))"
        case .unclear:
            return "\(slope), no clear trend: the points scatter by \(mebibytes(maxBytes - minBytes)) (\(quality))"
        }
    }
}
