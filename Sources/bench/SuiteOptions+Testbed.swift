import ArgumentParser

extension SuiteOptions {
    /// A testbed name heads a column of a merged report and names a CI artifact: 1–64 letters,
    /// digits and `-_.`.
    static func validateTestbedName(_ name: String?) throws {
        guard let name else { return }
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw ValidationError("--testbed '\(name)': use 1 to 64 letters, digits, '-', '_' or '.', e.g. ubuntu-24.04-arm64")
        }
    }
}
