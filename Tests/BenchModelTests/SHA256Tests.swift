import XCTest
import Foundation
import BenchModel

/// The digest that names a worker binary in a report, against FIPS 180-4's test vectors.
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in uneven pieces (a partial block, then whole blocks, then a tail) it hashes the same.
    func testPiecesHashLikeTheWhole() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for cut in [0, 1, 55, 63, 64, 65, 127, 500, 999] {
            var hasher = SHA256()
            hasher.update(bytes[..<cut])
            hasher.update(Data(bytes[cut...]))
            XCTAssertEqual(hasher.finalizeHex(), SHA256.hex(bytes), "cut at \(cut)")
        }
    }

    func testFileDigestMatchesSha256sum() throws {
        let path = NSTemporaryDirectory() + "sha256-\(getpid()).bin"
        let bytes = Data((0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(SHA256.hex(ofFile: path), SHA256.hex(bytes))
        XCTAssertNil(SHA256.hex(ofFile: path + ".missing"))
    }
}
