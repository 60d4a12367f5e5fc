// The stdlib has no log/exp/lgamma; the C library does. Nothing else is imported.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The three C math functions the module needs, in one place.
enum CMath {
    static func log(_ x: Double) -> Double { cLog(x) }
    static func exp(_ x: Double) -> Double { cExp(x) }
    static func logGamma(_ x: Double) -> Double { cLogGamma(x) }
}

private func cLog(_ x: Double) -> Double { log(x) }
private func cExp(_ x: Double) -> Double { exp(x) }
private func cLogGamma(_ x: Double) -> Double { lgamma(x) }
