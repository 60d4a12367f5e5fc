import Foundation

/// Help text that states a default reads it from the code that applies it.
enum HelpText {
    /// "eight" for 8: counts as the help text writes them (digits from 13 on).
    static func spelled(_ count: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return words.indices.contains(count) ? words[count] : "\(count)"
    }

    /// `text` with ArgumentParser's own "(default: …)", for an option that is optional so that
    /// a command can tell it was given.
    static func withDefault(_ text: String, _ value: CustomStringConvertible) -> String {
        "\(text) (default: \(value))"
    }

    /// 1 → "1", 0.5 → "0.5", 30 → "30": a number of seconds or milliseconds as help text says it.
    static func number(_ value: Double) -> String { String(format: "%g", value) }
}
