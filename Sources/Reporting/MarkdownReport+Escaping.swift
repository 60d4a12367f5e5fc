/// Names that users give (scenarios and variants of their own workers, `exec --name`,
/// `--variants`, custom configuration names, phase markers) are text, never markup. The report's
/// lines are built with names interpolated, so one pass over the finished Markdown makes every
/// `<`, `>` and `&` outside code spans and fenced blocks an entity: raw HTML cannot reach a
/// renderer, whichever line a name lands in. Inside code spans and fences Markdown shows the
/// characters as they are. The report's own HTML (collapsed sections) is marked as trusted when
/// it is built, and only the two exact forms of `collapsed`/`collapsedEnd` pass. Table pipes are
/// escaped per cell by `table`.
extension MarkdownReport {
    /// Marks a line the report itself wrote as HTML; never part of the rendered text.
    static let trustedHTML: Character = "\u{E000}"

    /// The opening line of a collapsed section; `summary` is escaped like any text.
    static func collapsed(_ summary: String) -> String {
        "\(trustedHTML)<details><summary>\(summary)</summary>"
    }

    static let collapsedEnd = "\(trustedHTML)</details>"

    /// The finished report with every line made safe (see the type's comment).
    static func escapedDocument(_ lines: [String]) -> String {
        var inFence = false
        var out: [String] = []
        for line in lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if text.first == trustedHTML, let safe = trustedLine(String(text.dropFirst())) {
                out.append(safe)
                continue
            }
            text.removeAll { $0 == trustedHTML }
            if text.hasPrefix("```") {
                inFence.toggle()
                out.append(inFence ? text : "```")
                continue
            }
            // A blockquote's markers stay Markdown; what follows them is text.
            let quote = inFence ? "" : String(text.prefix { $0 == ">" || $0 == " " })
            out.append(inFence ? text : quote + escapeHTMLOutsideCode(String(text.dropFirst(quote.count))))
        }
        return out.joined(separator: "\n")
    }

    static func trustedLine(_ line: String) -> String? {
        if line == "</details>" { return line }
        let open = "<details><summary>", close = "</summary>"
        guard line.hasPrefix(open), line.hasSuffix(close) else { return nil }
        let summary = String(line.dropFirst(open.count).dropLast(close.count))
        return open + escapeHTMLOutsideCode(summary) + close
    }

    /// `<`, `>` and `&` as entities, except inside code spans (a run of backticks closed by a
    /// run of the same length, as CommonMark reads them), where they show as written.
    public static func escapeHTMLOutsideCode(_ line: String) -> String {
        let characters = Array(line)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "`" {
                out += "\\`"
                index += 2
                continue
            }
            if character == "`" {
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                if let close = closingRun(characters, from: index + run, length: run) {
                    out += String(characters[index..<(close + run)])
                    index = close + run
                } else {
                    out += String(repeating: "`", count: run)
                    index += run
                }
                continue
            }
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
            index += 1
        }
        return out
    }

    /// The start of the next run of exactly `length` backticks at or after `start`.
    static func closingRun(_ characters: [Character], from start: Int, length: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else { index += 1; continue }
            var run = 0
            while index + run < characters.count, characters[index + run] == "`" { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// A name as a code span that holds any text: a fence longer than the name's longest run of
    /// backticks, padded where the name starts or ends with one.
    public static func code(_ name: String) -> String {
        var longest = 0, run = 0
        for character in name {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = name.hasPrefix("`") || name.hasSuffix("`") ? " " : ""
        return fence + pad + name.replacingOccurrences(of: "\n", with: " ") + pad + fence
    }
}
