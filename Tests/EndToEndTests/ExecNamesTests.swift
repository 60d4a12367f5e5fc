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
            // What Markdown shows as written: the fenced command to reproduce, and code spans.
            let text = markdown.replacingOccurrences(of: "```sh\n[^`]*```", with: "", options: .regularExpression)
                .replacingOccurrences(of: "`[^`\n]*`", with: "", options: .regularExpression)
            XCTAssertFalse(text.contains("<img"), file)
            XCTAssertFalse(text.contains("<b>"), file)
            let rows = text.split(separator: "\n").filter { $0.hasPrefix("|") }
            XCTAssertFalse(rows.contains { $0.contains("c|d") }, "\(file): a pipe splits a cell")
        }
    }
}
