/// GitHub-flavoured Markdown as the report builds it, safe by construction. Names that users
/// give (scenarios and variants of their own workers, `exec --name`, `--variants`, custom
/// configuration names, phase markers) are text, never markup: the report's own markup is the
/// string literals of an interpolation, and every `String` interpolated into one is escaped as
/// it goes in (`<`, `>` and `&` as entities outside code spans, where Markdown shows characters
/// as written; a line break as a space). A name meant as code goes in through `\(code: name)`,
/// a code span that holds any text. Markdown interpolated into Markdown passes as it is.
public struct Markdown: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The Markdown source.
    public private(set) var text: String

    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        /// The report's own markup.
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text: a name, a figure, a sentence the model wrote.
        public mutating func appendInterpolation(_ value: String) { text += Markdown.escaped(value) }
        public mutating func appendInterpolation(_ value: Markdown) { text += value.text }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        /// A name as a code span (`Markdown.code`).
        public mutating func appendInterpolation(code name: String) { text += Markdown.code(name) }
    }

    /// Two pieces one after the other (long sentences are written in parts).
    public static func + (lhs: Markdown, rhs: Markdown) -> Markdown { Markdown(stringLiteral: lhs.text + rhs.text) }

    public static func += (lhs: inout Markdown, rhs: Markdown) { lhs.text += rhs.text }

    /// Lines joined into a document, ending with a line break.
    public static func document(_ lines: [Markdown]) -> String {
        lines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// `lines` joined by line breaks into one value (a table, a list).
    public static func lines(_ lines: [Markdown]) -> Markdown {
        Markdown(stringLiteral: lines.map(\.text).joined(separator: "\n"))
    }

    /// `parts` joined by `separator` (which is markup).
    public static func joined(_ parts: [Markdown], separator: String) -> Markdown {
        Markdown(stringLiteral: parts.map(\.text).joined(separator: separator))
    }

    /// The opening line of a collapsed section (the only HTML the report writes).
    public static func collapsed(_ summary: Markdown) -> Markdown { "<details><summary>\(summary)</summary>" }
    public static let collapsedEnd: Markdown = "</details>"

    /// A fenced block showing `text` as written, in a fence longer than any run of backticks in it.
    public static func codeBlock(_ text: String, language: String) -> [Markdown] {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        return [Markdown(stringLiteral: fence + language), Markdown(stringLiteral: text), Markdown(stringLiteral: fence)]
    }
}
