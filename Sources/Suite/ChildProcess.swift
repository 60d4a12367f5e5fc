#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// Starts one child with `posix_spawn` and collects everything about it.
///
/// Written by hand rather than with swift-subprocess because a run needs three things that
/// package does not give together: a third output descriptor (fd 3) for the result, the child in
/// its own process group (so a timeout kills everything it started), and `wait4`'s rusage for
/// that one child (`RUSAGE_CHILDREN` keeps the largest peak of any child ever).
public struct ChildProcess {
    public struct Outcome: Sendable {
        public enum Termination: Sendable, Equatable {
            case exited(Int32)
            case signaled(Int32)
        }
        public var termination: Termination
        public var stdout: Data
        public var stderr: Data
        public var result: Data
        public var timedOut: Bool
        /// Why `onTick` had the child killed, when it did.
        public var killedReason: String?
        public var wallSeconds: Double
        /// ru_maxrss of this child, in bytes.
        public var maxRSSBytes: Int
    }

    public struct SpawnFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What `onTick` wants done with the running child.
    public enum TickAction: Sendable {
        case keepRunning
        /// Kill the whole process group and record the reason.
        case kill(reason: String)
        /// Send `signal` to the whole process group, record the reason, and SIGKILL the group
        /// (after `onEscalation`) if it still holds its output open `graceSeconds` later.
        case stop(reason: String, signal: Int32, graceSeconds: Double)
    }

    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    public var timeoutSeconds: Double
    /// How often `onTick` runs while the child lives (also the poll timeout), in milliseconds.
    public var tickIntervalMs: Int = 50
    /// When set, the tick interval at each elapsed time instead (a schedule that backs off).
    public var tickSchedule: ((Double) -> Int)?
    /// Called about every `tickIntervalMs` with the child's pid and the seconds since it
    /// started: where a runner watches the child (its RSS against a cap, say) from outside.
    public var onTick: ((pid_t, Double) -> TickAction)?
    /// Called with each chunk read from the child's stdout (0), stderr (1) or fd 3 (2), as it
    /// arrives (everything is also collected in the outcome).
    public var onData: ((Int, Data) -> Void)?
    /// Called with the child's pid when the grace of a `.stop` ran out, just before its process
    /// group is killed: where a runner kills the processes that left the group.
    public var onEscalation: ((pid_t) -> Void)?
    /// Descriptors of this process the child gets as well: target number → this process's
    /// descriptor (which should be close-on-exec, so that no other child inherits it).
    public var inheritedDescriptors: [Int32: Int32] = [:]

    public init(executable: String, arguments: [String], environment: [String: String], timeoutSeconds: Double) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
    }

    public func run() throws -> Outcome {
        let pipes = try Self.outputPipes()
        let start = monotonicSeconds()
        let pid = try spawn(writingTo: pipes)
        var outcome = watch(pid, reading: pipes.map { $0[0] }, start: start)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = monotonicSeconds() - start
        let termination: Outcome.Termination = (status & 0x7f) == 0
            ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        outcome.termination = termination
        outcome.wallSeconds = wall
        outcome.maxRSSBytes = Int(usage.ru_maxrss) * 1024
        return outcome
    }

    /// Three pipes (stdout, stderr, fd 3), both ends close-on-exec, so that no other child
    /// inherits them (dup2 clears it on 1–3).
    static func outputPipes() throws -> [[Int32]] {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0, fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0 else {
                pipes.flatMap { $0 }.forEach { close($0) }
                throw SpawnFailure(description: "pipe: \(String(cString: strerror(errno)))")
            }
            pipes.append(fds)
        }
        return pipes
    }

    /// Starts the child with stdin from /dev/null and its output into `pipes` (whose write
    /// ends this process then closes), in a process group of its own.
    func spawn(writingTo pipes: [[Int32]]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (index, fds) in pipes.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, fds[1], Int32(index + 1))  // 1 stdout, 2 stderr, 3 result
        }
        for (target, source) in inheritedDescriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = Self.withSpawnAttributes { posix_spawn(&pid, executable, &actions, &$0, argv, envp) }
        pipes.forEach { close($0[1]) }
        guard spawned == 0 else {
            pipes.forEach { close($0[0]) }
            throw SpawnFailure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Reads the child's output until every pipe is closed, ticking `onTick` about every
    /// `tickIntervalMs`: past the timeout, or when `onTick` says so, the whole process group is
    /// killed (or signalled, then killed after the grace). The outcome's termination, wall time
    /// and peak are the caller's to fill in once the child is reaped.
    func watch(_ pid: pid_t, reading descriptors: [Int32], start: Double) -> Outcome {
        var outcome = Outcome(termination: .exited(0), stdout: Data(), stderr: Data(), result: Data(), timedOut: false,
                              killedReason: nil, wallSeconds: 0, maxRSSBytes: 0)
        var buffers = [Data(), Data(), Data()]
        var open = descriptors
        var escalateAt: Double?
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { chunk.deallocate() }
        while open.contains(where: { $0 >= 0 }) {
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let interval = tickSchedule?(monotonicSeconds() - start) ?? tickIntervalMs
            let ready = poll(&polls, nfds_t(polls.count), Int32(max(1, interval)))
            if ready < 0 && errno != EINTR { break }
            for (index, entry) in polls.enumerated() where entry.fd >= 0 && entry.revents != 0 {
                let n = read(entry.fd, chunk.baseAddress, chunk.count)
                if n > 0, let base = chunk.baseAddress {
                    let data = Data(bytes: base, count: n)
                    buffers[index].append(data)
                    onData?(index, data)
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open[index] = -1
                }
            }
            let elapsed = monotonicSeconds() - start
            if !outcome.timedOut && outcome.killedReason == nil {
                if elapsed > timeoutSeconds {
                    outcome.timedOut = true
                    kill(-pid, SIGKILL)
                } else if let onTick {
                    switch onTick(pid, elapsed) {
                    case .keepRunning: break
                    case .kill(let reason):
                        outcome.killedReason = reason
                        kill(-pid, SIGKILL)
                    case .stop(let reason, let signal, let grace):
                        outcome.killedReason = reason
                        kill(-pid, signal)
                        escalateAt = elapsed + grace
                    }
                }
            }
            if let deadline = escalateAt, elapsed >= deadline || elapsed > timeoutSeconds {
                escalateAt = nil
                onEscalation?(pid)
                kill(-pid, SIGKILL)
            }
        }
        (outcome.stdout, outcome.stderr, outcome.result) = (buffers[0], buffers[1], buffers[2])
        return outcome
    }
}

extension ChildProcess.Outcome {
    /// The last `lines` lines of stderr, for failure messages.
    public func stderrTail(lines: Int = 5) -> String {
        let text = String(decoding: stderr, as: UTF8.self)
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    public var terminationDescription: String {
        switch termination {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal) (\(String(cString: strsignal(signal))))"
        }
    }
}
