import XCTest
@testable import Exec

/// The requests a service run's load got answered: its count file, else wrk's, hey's or ab's
/// summary, parsed from their real output (wrk 4.1 and ab 2.3 from Debian 12, each stopped by
/// SIGINT as bench stops a load at the end of the window; hey is not in Debian 12, so its
/// output is written here in the format of its report printer, requester/print.go).
final class LoadSummaryTests: XCTestCase {
    /// `wrk -t1 -c2 -d30s` stopped by SIGINT after 1.5 s.
    static let wrkInterrupted = """
Running 30s test @ http://127.0.0.1:18977/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.39ms    3.61ms  25.86ms   87.48%
    Req/Sec   699.27    174.25     1.14k    73.33%
  1048 requests in 1.51s, 0.92MB read
Requests/sec:    695.96
Transfer/sec:    628.00KB
"""

    /// `ab -n 1000000 -c 2` stopped by SIGINT after 1.5 s (it exits 1 but prints the summary).
    static let abInterrupted = """
This is ApacheBench, Version 2.3 <$Revision$>
Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
Licensed to The Apache Software Foundation, http://www.apache.org/

Benchmarking 127.0.0.1 (be patient)


Server Software:        SimpleHTTP/0.6
Server Hostname:        127.0.0.1
Server Port:            18977

Document Path:          /
Document Length:        814 bytes

Concurrency Level:      2
Time taken for tests:   1.509 seconds
Complete requests:      1105
Failed requests:        0
Total transferred:      1070745 bytes
HTML transferred:       899470 bytes
Requests per second:    732.37 [#/sec] (mean)
Time per request:       2.731 [ms] (mean)
Time per request:       1.365 [ms] (mean, across all concurrent requests)
Transfer rate:          693.04 [Kbytes/sec] received

Connection Times (ms)
              min  mean[+/-sd] median   max
Connect:        0    0   0.5      0       6
Processing:     0    2   3.1      1      33
Waiting:        0    2   3.1      1      32
Total:          0    3   3.1      2      33

Percentage of the requests served within a certain time (ms)
  50%      2
  66%      2
  75%      3
  80%      4
  90%      6
  95%      8
  98%     11
  99%     16
 100%     33 (longest request)
"""

    static let hey = """
        Summary:
          Total:\t2.0113 secs
          Slowest:\t0.0251 secs
          Fastest:\t0.0016 secs
          Average:\t0.0100 secs
          Requests/sec:\t1984.7761

        Response time histogram:
          0.002 [1]\t|∎
          0.004 [390]\t|∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎

        Latency distribution:
          10% in 0.0041 secs

        Details (average, fastest, slowest):
          DNS+dialup:\t 0.0012 secs, 0.0016 secs, 0.0251 secs

        Status code distribution:
          [200]\t3950 responses
          [503]\t42 responses

        Error distribution:
          [8]\tGet http://127.0.0.1:8080/: dial tcp: connection refused
        """

    func testWrkSummaryGivesTheRequestsCompletedUpToTheInterrupt() {
        XCTAssertEqual(LoadSummary.fromLog(Self.wrkInterrupted), LoadSummary(requests: 1048, source: "wrk summary"))
    }

    func testAbSummaryGivesTheCompleteRequests() {
        XCTAssertEqual(LoadSummary.fromLog(Self.abInterrupted), LoadSummary(requests: 1105, source: "ab summary"))
    }

    func testHeySummaryAddsTheResponsesOfEveryStatusCodeButNotTheErrors() {
        XCTAssertEqual(LoadSummary.fromLog(Self.hey), LoadSummary(requests: 3992, source: "hey summary"))
    }

    func testAnOutputWithoutASummaryGivesNothing() {
        XCTAssertNil(LoadSummary.fromLog("Running 30s test @ http://127.0.0.1:1/\n  2 threads and 8 connections\n"))
        XCTAssertNil(LoadSummary.fromLog(""))
    }

    func testTheCountFileIsItsFirstLineAsANonNegativeInteger() {
        XCTAssertEqual(LoadSummary.fromCountFile("4711\n"), LoadSummary(requests: 4711, source: "count file"))
        XCTAssertEqual(LoadSummary.fromCountFile(" 12 \nignored\n")?.requests, 12)
        XCTAssertNil(LoadSummary.fromCountFile("-3\n"))
        XCTAssertNil(LoadSummary.fromCountFile("many\n"))
        XCTAssertNil(LoadSummary.fromCountFile(""))
    }
}
