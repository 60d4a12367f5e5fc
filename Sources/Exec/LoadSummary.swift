import Foundation

/// How many requests a service run's load got answered: the count the load wrote to
/// `$MEMORYBENCH_LOAD_COUNT_FILE`, else the summary wrk, hey or ab print at their end (also on
/// SIGINT, which bench sends first at the end of the window for that reason).
struct LoadSummary: Equatable {
    static let countFileVariable = "MEMORYBENCH_LOAD_COUNT_FILE"

    var requests: Int
    /// "count file", "wrk summary", "hey summary" or "ab summary".
    var source: String

    /// The count file's integer (its first line), when the load wrote one.
    static func fromCountFile(_ text: String) -> LoadSummary? {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let line, let count = Int(line), count >= 0 else { return nil }
        return LoadSummary(requests: count, source: "count file")
    }

    /// The first of wrk's, hey's or ab's summaries found in the load's output.
    static func fromLog(_ text: String) -> LoadSummary? {
        wrk(text) ?? hey(text) ?? ab(text)
    }

    /// wrk: `  12345 requests in 30.00s, 1.23GB read`.
    static func wrk(_ text: String) -> LoadSummary? {
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ")
            if words.count >= 3, words[1] == "requests", words[2] == "in", let count = Int(words[0]) {
                return LoadSummary(requests: count, source: "wrk summary")
            }
        }
        return nil
    }

    /// hey: the responses under `Status code distribution:` (`  [200]\t4711 responses`), summed.
    static func hey(_ text: String) -> LoadSummary? {
        guard let start = text.range(of: "Status code distribution:") else { return nil }
        var total = 0
        var seen = false
        for line in text[start.upperBound...].split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 3, words[0].hasPrefix("["), words[2] == "responses", let count = Int(words[1]) else {
                if seen { break } else { continue }
            }
            total += count
            seen = true
        }
        return seen ? LoadSummary(requests: total, source: "hey summary") : nil
    }

    /// ab: `Complete requests:      1000`.
    static func ab(_ text: String) -> LoadSummary? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("Complete requests:") {
            if let count = Int(line.dropFirst("Complete requests:".count).trimmingCharacters(in: .whitespaces)) {
                return LoadSummary(requests: count, source: "ab summary")
            }
        }
        return nil
    }
}
