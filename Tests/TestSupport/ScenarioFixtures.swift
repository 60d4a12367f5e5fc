import MemoryProbe

/// Four built-in scenarios as the worker's catalog describes them (names, units, variants and
/// phases, comparisons, figures: what a report reads), so report tests need no scenario code
/// and no GRDB. ScenariosTests checks them against `ScenarioCatalog.description`.
public enum ScenarioFixtures {
    /// Every scenario below, in the catalog's order.
    public static let catalog = [loadAllVsBatched, stringBuilding, serverSoak, bulkWrites]

    public static let loadAllVsBatched = ScenarioDescription(
        name: "load-all-vs-batched",
        summary: "Export every order of a SQLite table to CSV: load all rows into memory, or iterate in batches, or stream a cursor",
        sizeUnit: "rows", defaultSize: 100000, quickSize: 20000, sweepSizes: ScenarioDescription.SweepSizes(suite: [10000, 30000, 100000], quick: [5000, 20000]),
        isHidden: false, variants: [
            ScenarioVariant(name: "load-all", summary: "fetch every row into model objects (Order.all.to_a), then write the CSV",
                            phases: ["open", "load", "export", "release", "trim", "verify"]),
            ScenarioVariant(name: "batched", summary: "keyset pagination, 1,000 rows a query (find_each): WHERE id > ? ORDER BY id LIMIT 1000",
                            phases: ["open", "export", "release", "trim", "verify"]),
            ScenarioVariant(name: "cursor", summary: "one query, rows decoded one at a time from a streaming cursor",
                            phases: ["open", "export", "release", "trim", "verify"]),
        ],
        reportedPhases: ["export", "release", "trim"], livePhase: "export",
        releasePhase: "release", verificationPhases: ["verify"],
        comparisons: [VariantComparison(pitfall: "load-all", fix: "batched"), VariantComparison(pitfall: "load-all", fix: "cursor")],
        figures: [],
        figuresByAllocator: false, parameters: [],
        allocatorSensitive: false)

    public static let stringBuilding = ScenarioDescription(
        name: "string-building",
        summary: "Render N generated orders as JSON lines into a file: one growing String written at the end (concat), the copy-per-step form `result = result + line` (copying-concat: O(N²), so it runs at most 2,000 orders, `--param copying-cap=N`; the worker refuses a larger size and it is compared at its own size), or a 64 KiB buffered writer (stream)",
        sizeUnit: "orders", defaultSize: 50000, quickSize: 5000, sweepSizes: ScenarioDescription.SweepSizes(suite: [10000, 25000, 50000], quick: [2000, 5000]),
        isHidden: false, variants: [
            ScenarioVariant(name: "concat", summary: "result += line for every order into one String (appended in place), then write it to the file",
                            phases: ["build", "write", "release", "trim", "verify"]),
            ScenarioVariant(name: "copying-concat", summary: "result = result + line (a new String per step, the old one freed; O(N²), so at most 2,000 orders, `--param copying-cap=N`), then write it",
                            phases: ["build", "write", "release", "trim", "verify"], maximumSize: 2000),
            ScenarioVariant(name: "stream", summary: "each line written through one 64 KiB buffer (BufferedFileWriter); the last flush is the write phase",
                            phases: ["build", "write", "release", "trim", "verify"]),
        ],
        reportedPhases: ["build", "write", "release", "trim"], livePhase: "build",
        releasePhase: "release", verificationPhases: ["verify"],
        comparisons: [VariantComparison(pitfall: "concat", fix: "stream"), VariantComparison(pitfall: "copying-concat", fix: "concat"), VariantComparison(pitfall: "copying-concat", fix: "stream")],
        figures: [
            ScenarioFigure(check: "orders", label: "Orders rendered", format: .count),
            ScenarioFigure(check: "bytesWritten", label: "Bytes written", format: .bytes),
            ScenarioFigure(check: "outputHash", label: "Output hash (FNV-1a)", format: .hash, mustAgree: true),
            ScenarioFigure(check: "prefixHash", label: "Hash of the first min(N, 2,000) lines", format: .hash, mustAgree: true),
        ],
        figuresByAllocator: false, parameters: [],
        allocatorSensitive: false)

    public static let serverSoak = ScenarioDescription(
        name: "server-soak",
        summary: "A threaded server's steady state: 16 worker threads (`--param threads=N`) serve seeded requests (headers, a 1–64 KiB body decoded into small strings, now and then a 256 KiB–1 MiB buffer, a response), a quarter of which write a session that other threads expire 4,000 requests later (`--param ttl=N`); after a warm-up, the steady window (the size in requests, or `--param duration=S` seconds) is measured in 10 slices, and the report gives its steady state: the warm-up left in it, the creep per minute and per 1,000 requests with its interval, and the plateau",
        sizeUnit: "requests", defaultSize: 120000, quickSize: 20000, sweepSizes: nil,
        isHidden: false, variants: [
            ScenarioVariant(name: "threaded", summary: "the requests served by the pool of worker threads, sessions shared between them",
                            phases: ["warm-up", "steady-01", "steady-02", "steady-03", "steady-04", "steady-05", "steady-06", "steady-07", "steady-08", "steady-09", "steady-10", "drain", "settle", "trim"]),
        ],
        reportedPhases: ["warm-up", "steady-10", "drain", "settle", "trim"], livePhase: "steady-10",
        releasePhase: "drain", verificationPhases: [],
        comparisons: [],
        figures: [
            ScenarioFigure(check: "threads", label: "Threads", format: .count),
            ScenarioFigure(check: "steadyRequests", label: "Requests in the steady window", format: .count),
            ScenarioFigure(check: "requestsPerSecond", label: "Requests per second (steady window)", format: .perSecond),
            ScenarioFigure(check: "arenas", label: "glibc arenas at the plateau", format: .count),
            ScenarioFigure(check: "sessionBytes", label: "Session store payload at the plateau", format: .bytes),
            ScenarioFigure(check: "liveBytes", label: "Allocator live at the plateau", format: .bytes),
            ScenarioFigure(check: "heldBytes", label: "Allocator held at the plateau (glibc from system / jemalloc resident)", format: .bytes),
            ScenarioFigure(check: "fragmentationBytes", label: "Held − live at the plateau", format: .bytes),
        ],
        figuresByAllocator: true, parameters: [],
        allocatorSensitive: true)

    public static let bulkWrites = ScenarioDescription(
        name: "bulk-writes",
        summary: "Insert N generated orders into a new SQLite table one row and one transaction at a time, or in one transaction of 1,000-row INSERTs; then archive the pending and paid orders (~40 %) record by record, or with one UPDATE … WHERE. The database is in WAL mode with synchronous=NORMAL, so a commit does not wait for fsync (with synchronous=FULL every per-row commit would wait for the disk and dominate the time)",
        sizeUnit: "rows", defaultSize: 10000, quickSize: 8000, sweepSizes: ScenarioDescription.SweepSizes(suite: [1000, 3000, 10000], quick: [300, 1000]),
        isHidden: false, variants: [
            ScenarioVariant(name: "insert-per-row", summary: "one INSERT and one transaction per row (create! in a loop)",
                            phases: ["open", "write", "release", "trim", "verify"]),
            ScenarioVariant(name: "insert-batched", summary: "one transaction of multi-row INSERTs, 1,000 rows each (insert_all)",
                            phases: ["open", "write", "release", "trim", "verify"]),
            ScenarioVariant(name: "update-per-record", summary: "fetch every matching order as a record, change it, save it in its own transaction",
                            phases: ["open", "write", "release", "trim", "verify"]),
            ScenarioVariant(name: "update-set", summary: "one UPDATE orders SET … WHERE status IN ('pending', 'paid') (update_all)",
                            phases: ["open", "write", "release", "trim", "verify"]),
        ],
        reportedPhases: ["write", "release", "trim"], livePhase: "write",
        releasePhase: "release", verificationPhases: ["verify"],
        comparisons: [VariantComparison(pitfall: "insert-per-row", fix: "insert-batched"), VariantComparison(pitfall: "update-per-record", fix: "update-set")],
        figures: [
            ScenarioFigure(check: "rowsWritten", label: "Rows written", format: .count),
            ScenarioFigure(check: "rowsPerSecond", label: "Rows per second", format: .perSecond),
            ScenarioFigure(check: "insertedTableHash", label: "Table hash after inserts", format: .hash, mustAgree: true),
            ScenarioFigure(check: "updatedTableHash", label: "Table hash after updates", format: .hash, mustAgree: true),
        ],
        figuresByAllocator: false, parameters: [],
        allocatorSensitive: false)

}

extension ScenarioDescription {
    init(name: String, summary: String, sizeUnit: String, defaultSize: Int, quickSize: Int, sweepSizes: SweepSizes?,
         isHidden: Bool, variants: [ScenarioVariant], reportedPhases: [String], livePhase: String, releasePhase: String?,
         verificationPhases: [String], comparisons: [VariantComparison], figures: [ScenarioFigure], figuresByAllocator: Bool,
         parameters: [ParameterDeclaration], allocatorSensitive: Bool) {
        self.init(name: name, summary: summary, sizeUnit: sizeUnit, defaultSize: defaultSize, quickSize: quickSize,
                  sweepSizes: sweepSizes, isHidden: isHidden, variants: variants, reportedPhases: reportedPhases,
                  livePhase: livePhase, releasePhase: releasePhase, verificationPhases: verificationPhases,
                  comparisons: comparisons, figures: figures, figuresByAllocator: figuresByAllocator, parameters: parameters)
        self.allocatorSensitive = allocatorSensitive
    }
}
