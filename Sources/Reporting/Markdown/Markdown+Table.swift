extension Markdown {
    /// A GitHub table; columns from `rightAlignedFrom` on are right-aligned (numbers). A pipe in
    /// a cell is escaped, so the row keeps its columns whatever names it holds.
    public static func table(header: [Markdown], rows: [[Markdown]], rightAlignedFrom: Int = Int.max) -> Markdown {
        func row(_ cells: [Markdown]) -> String {
            "| " + cells.map { $0.text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: " | ") + " |"
        }
        var lines = [row(header)]
        lines.append("|" + header.indices.map { $0 >= rightAlignedFrom ? " ---: " : " --- " }.joined(separator: "|") + "|")
        lines += rows.map(row)
        return Markdown(stringLiteral: lines.joined(separator: "\n"))
    }
}
