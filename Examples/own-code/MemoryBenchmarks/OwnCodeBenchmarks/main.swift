import MemoryBenchWorker

// Two habits of everyday Swift code, each as a pitfall and its fix on the same data.
MemoryBenchWorker.main(scenarios: [JSONDecoding(), DataWriting()])
