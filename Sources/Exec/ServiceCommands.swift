#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import Suite

/// A shell command bench runs beside a service (`--ready`, `--load`): `/bin/sh -c COMMAND` in a
/// process group of its own, outside the service's process tree, so its memory is never
/// counted. Reaped with waitpid(WNOHANG) by whoever asks, so no other thread has to. Started
/// through bench-exec-launcher when there is one, so it dies with bench (PR_SET_PDEATHSIG): a
/// load must not go on hammering the port of a service that is gone.
final class ServiceShellCommand: @unchecked Sendable {
    let command: String
    let environment: [String: String]
    let output: Int32
    let launcher: String?
    let lock = NSLock()
    private(set) var pid: pid_t = 0
    private(set) var startedAt: Double = 0
    private var endedAt: Double?
    private var status: Int32 = 0
    private var stopped = false
    private var interruptedAt: Double?

    /// - output: the descriptor for stdout and stderr (-1: /dev/null).
    init(_ command: String, environment: [String: String], output: Int32, launcher: String? = nil) {
        self.command = command
        self.environment = environment
        self.output = output
        self.launcher = launcher
    }

    func start() throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if output >= 0 {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // The launcher reports on fd 3: here nobody reads it.
        posix_spawn_file_actions_addopen(&actions, 3, "/dev/null", O_WRONLY, 0)
        let shell: [String] = ["/bin/sh", "-c", command]
        let words = launcher.map { [$0, "/bin/sh"] + shell } ?? shell
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        startedAt = monotonicSeconds()
        let spawned = ChildProcess.withSpawnAttributes { posix_spawn(&pid, words[0], &actions, &$0, argv, envp) }
        guard spawned == 0 else { throw SpawnError(description: "cannot start \(words[0]): \(String(cString: strerror(spawned)))") }
    }

    var isRunning: Bool {
        lock.withLock {
            guard endedAt == nil, pid > 0 else { return false }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                status = raw
                endedAt = monotonicSeconds()
                return false
            }
            return true
        }
    }
    var wallSeconds: Double? { lock.withLock { endedAt.map { $0 - startedAt } } }
    var wasStopped: Bool { lock.withLock { stopped } }

    /// SIGINT to the command's process group, once, without waiting (wrk, hey and ab print
    /// their summary on SIGINT only); `stop` later waits for it.
    func interrupt() {
        guard isRunning else { return }
        let first = lock.withLock {
            stopped = true
            defer { interruptedAt = interruptedAt ?? monotonicSeconds() }
            return interruptedAt == nil
        }
        if first { kill(-pid, SIGINT) }
    }

    /// SIGTERM to the command's process group, SIGKILL to it after `graceSeconds`; reaped.
    /// With `interruptFirst`, SIGINT comes first (unless `interrupt()` sent it already) and
    /// SIGTERM only if it is still running `interruptFirst` seconds after the SIGINT.
    func stop(graceSeconds: Double = 1, interruptFirst: Double? = nil) {
        guard isRunning else { return }
        lock.withLock { stopped = true }
        if let interruptFirst {
            interrupt()
            wait(until: (lock.withLock { interruptedAt } ?? monotonicSeconds()) + interruptFirst)
            guard isRunning else { return }
        }
        kill(-pid, SIGTERM)
        wait(until: monotonicSeconds() + graceSeconds)
        guard isRunning else { return }
        kill(-pid, SIGKILL)
        while isRunning { usleep(5_000) }
    }

    func wait(until deadline: Double) {
        while isRunning && monotonicSeconds() < deadline { usleep(5_000) }
    }

    /// Exit code or signal, once ended.
    var ending: (exitCode: Int32?, signal: Int32?) {
        guard !isRunning else { return (nil, nil) }
        let raw: Int32 = lock.withLock { status }
        if (raw & 0x7f) == 0 { return (exitCode: (raw >> 8) & 0xff, signal: nil) }
        return (exitCode: nil, signal: raw & 0x7f)
    }
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// Polls `--ready` on a thread of its own until it exits 0 (each try limited to what is left
/// of the timeout), so the service's sampling never waits for it.
final class ReadinessPoller: @unchecked Sendable {
    static let pollIntervalSeconds = 0.1
    let lock = NSLock()
    private var readyAt: Double?
    private var cancelled = false
    private(set) var polls = 0
    private(set) var lastExit: String?

    func start(_ command: String, environment: [String: String], timeoutSeconds: Double) {
        let deadline = monotonicSeconds() + timeoutSeconds
        Thread.detachNewThread { [self] in
            while monotonicSeconds() < deadline && !lock.withLock({ cancelled }) {
                let attempt = ServiceShellCommand(command, environment: environment, output: -1)
                guard (try? attempt.start()) != nil else {
                    lock.withLock { lastExit = "could not be started" }
                    return
                }
                while attempt.isRunning && monotonicSeconds() < deadline && !lock.withLock({ cancelled }) { usleep(5_000) }
                if attempt.isRunning { attempt.stop(graceSeconds: 0.2) }
                let ending = attempt.ending
                lock.withLock {
                    polls += 1
                    lastExit = ending.signal.map { "was killed by signal \($0)" } ?? "exited with status \(ending.exitCode ?? -1)"
                }
                if ending.exitCode == 0 {
                    lock.withLock { readyAt = monotonicSeconds() }
                    return
                }
                usleep(UInt32(Self.pollIntervalSeconds * 1_000_000))
            }
        }
    }

    /// Monotonic seconds of the first success.
    var ready: Double? { lock.withLock { readyAt } }
    var summary: (polls: Int, lastExit: String?) { lock.withLock { (polls, lastExit) } }
    func cancel() { lock.withLock { cancelled = true } }
}
