import CJemalloc
import MemoryBenchWorker
import Scenarios

// Reference a jemalloc symbol so that a linker using --as-needed keeps libjemalloc in the
// binary's needed list; its malloc then serves the whole process, Swift runtime included.
let jemallocControl = mallctl
withExtendedLifetime(jemallocControl) {}

MemoryBenchWorker.main(scenarios: ScenarioCatalog.all)
