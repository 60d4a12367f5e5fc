import MemoryBenchWorker
import Scenarios

// The built-in worker is a MemoryBench worker like a package's own: the same entry point, with
// the built-in scenarios.
MemoryBenchWorker.main(scenarios: ScenarioCatalog.all)
