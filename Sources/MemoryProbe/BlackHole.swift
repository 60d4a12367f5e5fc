/// Keeps the optimizer from deleting work whose result is otherwise unused: a C compiler at
/// -O2 removed a malloc + memset + free of 300 MB outright, and Swift's optimizer can too.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
