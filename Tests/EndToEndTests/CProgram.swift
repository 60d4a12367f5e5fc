import XCTest

/// A small C program written by a test and compiled with the system's `cc` into the test's
/// temporary folder: the commands the exec tests measure when a Python one would blur the figure.
enum CProgram {
    static func build(_ source: String, named name: String, flags: [String] = ["-O2"], for testCase: XCTestCase) throws -> String {
        let directory = try WorkerTestSupport.temporaryDirectory(testCase)
        let file = directory.appendingPathComponent("\(name).c").path
        let binary = directory.appendingPathComponent(name).path
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        cc.arguments = flags + ["-o", binary, file]
        try cc.run()
        cc.waitUntilExit()
        XCTAssertEqual(cc.terminationStatus, 0, "cc failed on \(name).c")
        return binary
    }
}
