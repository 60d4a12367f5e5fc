#if canImport(Glibc)
import Glibc
#endif
import Statistics

/// One synthetic request of `server-soak`, built and freed the way a handler does: everything but
/// the session it may write is gone when `serve` returns. Its content depends on the seed and
/// the request number only.
enum RequestHandler {
    /// Serves request `number` and returns a checksum of its response (consumed by the caller, so
    /// the optimizer cannot drop the work).
    static func serve(_ number: Int, shape: ServerSoak.Shape, store: SessionStore) -> Int {
        var random = SeededGenerator(seed: shape.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(number) &* 0xD1B5_4A32_D192_ED03)

        var headers: [String: String] = [:]
        let headerCount = Int.random(in: 8...24, using: &random)
        headers.reserveCapacity(headerCount)
        for index in 0..<headerCount {
            headers["x-header-\(index)-\(number % 97)"] = text(length: Int.random(in: 16...128, using: &random), using: &random)
        }

        let bodySize = logUniform(1_024...65_536, using: &random)
        var body = [UInt8](repeating: UInt8(truncatingIfNeeded: random.next() % 26 + 97), count: bodySize)
        for index in stride(from: 0, to: bodySize, by: 64) { body[index] = UInt8(truncatingIfNeeded: random.next() % 26 + 97) }

        // Decoding: one small string per 512 bytes of body, as a JSON decoder makes objects.
        var fields: [String] = []
        fields.reserveCapacity(bodySize / 512 + 1)
        for start in stride(from: 0, to: bodySize, by: 512) {
            let length = Int.random(in: 16...96, using: &random)
            fields.append(String(decoding: body[start..<min(bodySize, start + length)], as: UTF8.self))
        }

        var large = 0
        if Int(random.next() % 1000) < shape.largePerMille {
            let buffer = [UInt8](repeating: 1, count: Int.random(in: 262_144...1_048_576, using: &random))
            large = Int(buffer[buffer.count / 2]) + buffer.count
        }

        // The response grows by appends (reallocations, as a writer does).
        var response: [UInt8] = []
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            response.append(contentsOf: name.utf8)
            response.append(contentsOf: value.utf8)
        }
        for field in fields { response.append(contentsOf: field.utf8) }
        response.append(contentsOf: body[0..<(bodySize / 2)])

        if Int(random.next() % 100) < shape.sessionPercent {
            let id = Int(random.next() % UInt64(shape.sessionSpace))
            let size = logUniform(256...16_384, using: &random)
            var payload = [UInt8](repeating: 0, count: size)
            payload.withUnsafeMutableBufferPointer { target in
                for index in 0..<size { target[index] = response[index % response.count] }
            }
            store.write(id: id, SessionStore.Entry(expiresAfterRequest: number + shape.ttl,
                                                   user: "user-\(id)-" + text(length: Int.random(in: 16...64, using: &random), using: &random),
                                                   payload: payload))
        }
        store.expire(shard: number % store.shardCount, atRequest: number)

        return response.count &* 31 &+ Int(response[response.count / 2]) &+ headers.count &+ large
    }

    /// A string of `length` lowercase letters (longer than 15 bytes, so it is allocated).
    static func text(length: Int, using random: inout SeededGenerator) -> String {
        let letter = UInt8(truncatingIfNeeded: random.next() % 26 + 97)
        return String(unsafeUninitializedCapacity: length) { buffer in
            buffer.initialize(repeating: letter)
            buffer[0] = UInt8(truncatingIfNeeded: random.next() % 26 + 97)
            return length
        }
    }

    /// Sizes spread evenly over powers of two: most small, some large, as bodies are.
    static func logUniform(_ range: ClosedRange<Int>, using random: inout SeededGenerator) -> Int {
        let unit = Double(random.next() >> 11) / Double(1 << 53)
        let logLow = log2(Double(range.lowerBound)), logHigh = log2(Double(range.upperBound))
        return min(range.upperBound, max(range.lowerBound, Int(exp2(logLow + unit * (logHigh - logLow)))))
    }
}
