import CSV
import Foundation
import MemoryBenchWorker
import SwiftCSV

// Two libraries, the same file (CSVInput.swift): SwiftCSV parses it whole, CSV.swift streams rows.
MemoryBenchWorker.main {
    MemoryBenchmark("csv-parse", size: 200_000, unit: "rows", phases: ["parse"], budgets: [.peak(atMost: .mebibytes(96))],
                    prepare: CSVInput.write) {
        Variant("swiftcsv", summary: "EnumeratedCSV(url:): the whole file as one String, every row as [String]") { run in
            let (csv, cents) = try run.phase("parse") {
                let csv = try EnumeratedCSV(url: CSVInput.url(run), loadColumns: false)
                return (csv, csv.rows.reduce(0) { $0 + CSVInput.cents($1) })
            }
            run.check("rows", csv.rows.count)
            run.check("amountCents", cents)
        }
        Variant("csv-stream", summary: "CSVReader over an InputStream: one row at a time") { run in
            let (rows, cents) = try run.phase("parse") {
                let reader = try CSVReader(stream: try CSVInput.stream(run), hasHeaderRow: true)
                var rows = 0, cents = 0
                while let row = reader.next() { (rows, cents) = (rows + 1, cents + CSVInput.cents(row)) }
                return (rows, cents)
            }
            run.check("rows", rows)
            run.check("amountCents", cents)
        }
    }
}
