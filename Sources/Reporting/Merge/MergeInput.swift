import BenchModel

/// What `bench merge` accepts: two or more reports, each naming its testbed, no name twice (a
/// column per name). Each refusal is one line (`BenchError.input`, exit status 3).
public enum MergeInput {
    public static func check(_ reports: [(source: String, report: Report)]) throws -> [(source: String, report: Report, testbed: Testbed)] {
        guard reports.count >= 2 else {
            throw BenchError.input("merge needs two or more report.json files, one per testbed (got \(reports.count))")
        }
        var seen: [String: String] = [:]
        return try reports.map { source, report in
            guard let testbed = report.environment.testbed else {
                throw BenchError.input("\(source) records no testbed (written before testbeds were recorded): run its suite again with this bench")
            }
            if let earlier = seen[testbed.name] {
                throw BenchError.input("\(earlier) and \(source) are both testbed `\(testbed.name)`: give each run its own name with --testbed NAME")
            }
            seen[testbed.name] = source
            return (source, report, testbed)
        }
    }
}
