import Foundation

/// The commit a suite ran from, for the testbed's information (never its fingerprint):
/// `GITHUB_SHA` on GitHub Actions, else the `.git` of the working folder or one above it, read
/// without running git (a worktree's `.git` file and `packed-refs` included). Nil when unknown.
public enum GitCommit {
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment,
                               from folder: String = FileManager.default.currentDirectoryPath) -> String? {
        if let sha = environment["GITHUB_SHA"], !sha.isEmpty { return sha }
        var directory = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            if let commit = resolve(gitPath: directory.appendingPathComponent(".git")) { return commit }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `path` as is when absolute, else inside `folder`.
    static func within(_ folder: URL, _ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    static func resolve(gitPath: URL) -> String? {
        var gitDirectory = gitPath
        // A worktree's (or submodule's) `.git` is a file: "gitdir: PATH".
        if let text = read(gitPath), text.hasPrefix("gitdir:") {
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = within(gitPath.deletingLastPathComponent(), path)
        }
        guard let head = read(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return head }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        // Branch refs live in the common folder of a worktree's repository.
        let common = read(gitDirectory.appendingPathComponent("commondir"))
            .map { within(gitDirectory, $0) } ?? gitDirectory
        for folder in [gitDirectory, common] {
            if let sha = read(folder.appendingPathComponent(ref)) { return sha }
        }
        let packed = read(common.appendingPathComponent("packed-refs")) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix { $0 != " " }) }
    }
}
