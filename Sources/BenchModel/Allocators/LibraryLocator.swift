#if canImport(Glibc)
import Glibc
#endif

/// Finds a shared library file in the usual Debian/Ubuntu folders (multiarch first).
public struct LibraryLocator: Sendable {
    public var directories: [String]

    public init(directories: [String]? = nil) {
        if let directories {
            self.directories = directories
        } else {
            var name = utsname()
            uname(&name)
            let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            self.directories = ["/usr/lib/\(machine)-linux-gnu", "/lib/\(machine)-linux-gnu", "/usr/lib64", "/usr/lib",
                                "/usr/local/lib"]
        }
    }

    public func find(_ file: String) -> String? {
        for directory in directories {
            let path = "\(directory)/\(file)"
            if access(path, R_OK) == 0 { return path }
        }
        return nil
    }
}

/// The canonical path of a file (symlinks resolved), or nil when it does not exist.
public func canonicalPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

public func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
