// The scenario API as a library product: `Scenario`, `ScenarioVariant`, `VariantComparison`
// (pitfall and fix), `ParameterDeclaration`, `RunContext` (phases, checks), `ReportsFigures`,
// `SweepsInSuite`. It lives in MemoryProbe beside the phase recorder it drives; this module is
// the name other packages import. No Foundation, no GRDB.
@_exported import MemoryProbe
