import MemoryBenchWorker

// Two habits of everyday Swift code, each as a pitfall and its fix on the same data.
MemoryBenchWorker.main {
    JSONDecoding.benchmark
    DataWriting.benchmark
}
