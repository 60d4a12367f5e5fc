/// How text becomes safe Markdown (see `Markdown`): raw HTML cannot reach a renderer through a
/// name, whichever part of the report it lands in.
extension Markdown {
    /// Text as Markdown: `<`, `>` and `&` as entities outside code spans, a line break as a space.
    static func escaped(_ text: String) -> String {
        escapeHTMLOutsideCode(text.contains("\n") ? text.replacingOccurrences(of: "\n", with: " ") : text)
    }

    /// `<`, `>` and `&` as entities, except inside code spans (a run of backticks closed by a
    /// run of the same length, as CommonMark reads them), where they show as written.
    public static func escapeHTMLOutsideCode(_ line: String) -> String {
        guard line.contains(where: { "<>&`\\".contains($0) }) else { return line }
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
        let fence = String(repeating: "`", count: longestRun(of: "`", in: name) + 1)
        let pad = name.hasPrefix("`") || name.hasSuffix("`") ? " " : ""
        return fence + pad + name.replacingOccurrences(of: "\n", with: " ") + pad + fence
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, run = 0
        for each in text {
            run = each == character ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
