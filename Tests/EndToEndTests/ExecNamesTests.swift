import Foundation
import XCTest

/// Names a user gives `bench exec` are printed as text: no raw HTML reaches report.md or
/// details.md, and a pipe never splits a table cell.
final class ExecNamesTests: XCTestCase {
    override func setUpWithError() throws { try BenchProcess.requireBench() }

    func testHostileNameAndVariantsAreEscapedInBothMarkdownFiles() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("reports")
        let result = try BenchProcess.run(["exec", "--name", "x<img src=x onerror=alert(1)>", "--variants", "a<b>,c|d",
                                           "--runs", "1", "--max-runs", "1", "--allocators", "glibc", "--out", reports.path,
                                           "--", "sh", "-c", "sleep 0.3"], home: home)
        XCTAssertEqual(result.status, .exited(0), result.stderr)
        let folder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasPrefix("20") })
        for file in ["report.md", "details.md"] {
            let markdown = try String(contentsOf: reports.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(markdown.contains("x&lt;img src=x onerror=alert(1)&gt;"), file)
            var inFence = false
            for line in markdown.split(separator: "\n").map(String.init) {
                // A fenced block (the command to reproduce) shows its text as written.
                if line.hasPrefix("```") { inFence.toggle() }
                if inFence { continue }
                let outsideCode = line.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "</?(details|summary)>", with: "", options: .regularExpression)
                XCTAssertFalse(outsideCode.contains("<"), "\(file): \(line)")
                if line.hasPrefix("|") { XCTAssertFalse(line.contains("c|d"), "\(file): unescaped pipe in \(line)") }
            }
        }
    }
}
