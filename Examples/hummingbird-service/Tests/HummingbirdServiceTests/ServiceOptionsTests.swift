import XCTest

@testable import HummingbirdService

final class ServiceOptionsTests: XCTestCase {
    func testPortAloneGivesSixteenThreadsAndSixteenCachedReports() throws {
        let options = try ServiceOptions.parse(arguments: ["18810"], environment: [:])
        XCTAssertEqual(options, ServiceOptions(port: 18810, threads: 16, cacheEntries: 16))
    }

    func testTheThreadArgumentWinsOverTheEnvironment() throws {
        let environment = ["HB_THREADS": "4", "HB_CACHE_ENTRIES": "2"]
        let fromArgument = try ServiceOptions.parse(arguments: ["80", "32"], environment: environment)
        XCTAssertEqual(fromArgument, ServiceOptions(port: 80, threads: 32, cacheEntries: 2))
        let fromEnvironment = try ServiceOptions.parse(arguments: ["80"], environment: environment)
        XCTAssertEqual(fromEnvironment.threads, 4)
    }

    func testBadValuesNameWhatWasWrong() {
        let cases: [([String], [String: String], String)] = [
            ([], [:], "expected PORT [THREADS], got 0 arguments"),
            (["80", "2", "3"], [:], "expected PORT [THREADS], got 3 arguments"),
            (["http"], [:], "PORT must be an integer from 1 to 65535, got 'http'"),
            (["80", "0"], [:], "THREADS must be an integer from 1 to 1024, got '0'"),
            (["80"], ["HB_THREADS": "many"], "THREADS must be an integer from 1 to 1024, got 'many'"),
            (["80"], ["HB_CACHE_ENTRIES": "-1"], "HB_CACHE_ENTRIES must be an integer from 1 to 10000, got '-1'"),
        ]
        XCTAssertEqual(cases.count, 6)
        for (arguments, environment, message) in cases {
            XCTAssertThrowsError(try ServiceOptions.parse(arguments: arguments, environment: environment)) {
                XCTAssertEqual("\($0)", message)
            }
        }
    }
}
