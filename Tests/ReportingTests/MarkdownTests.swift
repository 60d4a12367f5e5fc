import XCTest
@testable import Reporting

/// The Markdown builder: the report's own markup as written, every name escaped as it goes in.
final class MarkdownTests: XCTestCase {
    func testInterpolatedTextIsEscapedAndLiteralMarkupIsNot() {
        let name = "<script>alert(1)</script> & co"
        let line: Markdown = "**Bold** <details> \(name)"
        XCTAssertEqual(line.text, "**Bold** <details> &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
        // Code spans inside text show as written (CommonMark does not read entities in them).
        XCTAssertEqual(("x & \("`<y>` & <z>")" as Markdown).text, "x & `<y>` &amp; &lt;z&gt;")
        // A line break in a name cannot start a new block.
        XCTAssertEqual(("- \("a\n# b")" as Markdown).text, "- a # b")
        // Markdown in Markdown is not escaped twice.
        let inner: Markdown = "\(name)"
        XCTAssertEqual(("(\(inner))" as Markdown).text, "(" + inner.text + ")")
    }

    func testCodeSpansHoldAnyName() {
        XCTAssertEqual(Markdown.code("plain"), "`plain`")
        XCTAssertEqual(Markdown.code("a`b"), "``a`b``")
        XCTAssertEqual(Markdown.code("`x"), "`` `x ``")
        XCTAssertEqual(("\(code: "<b>")" as Markdown).text, "`<b>`")
        // A name that closes its own code span cannot smuggle a tag out of it.
        XCTAssertEqual(Markdown.escapeHTMLOutsideCode("`a`<b>`"), "`a`&lt;b&gt;`")
        XCTAssertEqual(Markdown.escapeHTMLOutsideCode("x & `<y>`"), "x &amp; `<y>`")
    }

    func testTablesEscapePipesPerCellAndAlignNumbers() {
        let table = Markdown.table(header: ["Name", "Peak"], rows: [["\("a|b")", "+1.0 MiB"], ["\(code: "c|d")", "–"]], rightAlignedFrom: 1)
        XCTAssertEqual(table.text, """
            | Name | Peak |
            | --- | ---: |
            | a\\|b | +1.0 MiB |
            | `c\\|d` | – |
            """)
    }

    func testFencesOutlastTheTextTheyHoldAndCollapsedSummariesAreEscaped() {
        XCTAssertEqual(Markdown.codeBlock("bench all", language: "sh").map(\.text), ["```sh", "bench all", "```"])
        XCTAssertEqual(Markdown.codeBlock("sh -c 'echo ```'", language: "sh").map(\.text), ["````sh", "sh -c 'echo ```'", "````"])
        XCTAssertEqual(Markdown.collapsed("Phases of \("<x>")").text, "<details><summary>Phases of &lt;x&gt;</summary>")
        XCTAssertEqual(Markdown.document(["# A", "", "b"]), "# A\n\nb\n")
    }
}
