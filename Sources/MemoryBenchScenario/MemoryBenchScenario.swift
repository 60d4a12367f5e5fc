// The scenario API as a library product: `MemoryBenchmark` and `Variant` (a package's own
// benchmarks, declared with closures; `BenchmarkRun` is what a variant sees), the `Scenario`
// protocol the built-ins adopt, `ScenarioVariant`, `VariantComparison` (fix, alternatives,
// control), `Budget`, `ParameterDeclaration`, `RunContext` (phases, checks), `ReportsFigures`,
// `SweepsInSuite`. It lives in MemoryProbe beside the phase recorder it drives; this module is
// the name other packages import. No Foundation, no GRDB.
@_exported import MemoryProbe
