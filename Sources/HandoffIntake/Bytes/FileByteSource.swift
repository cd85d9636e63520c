#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or an inherited descriptor (standard input), read with plain `read(2)` calls straight into
/// the reader's buffer: no `Data` in between, no copy.
public struct FileByteSource: ByteSource, Sendable {
    public let name: String
    private let handle: Descriptor

    /// Opens `path` for reading; `name` (default: the path) is what messages show.
    public init(path: String, name: String? = nil) throws(IntakeError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw IntakeError(file: name ?? path, message: "cannot open the file: \(Descriptor.lastError())")
        }
        self.name = name ?? path
        handle = Descriptor(fd: fd, owned: true)
    }

    /// Reads an already open descriptor, e.g. 0 for standard input; it is left open.
    public init(descriptor: Int32, name: String) {
        self.name = name
        handle = Descriptor(fd: descriptor, owned: false)
    }

    public mutating func read(into buffer: inout [UInt8], upTo count: Int) throws(IntakeError) -> Int {
        let start = buffer.count
        // Grow by zeros, read into the tail, then drop what the read did not fill.
        buffer.append(contentsOf: repeatElement(0, count: count))
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { all in
                systemRead(handle.fd, all.baseAddress! + start, count)
            }
            if n >= 0 {
                buffer.removeLast(count - n)
                return n
            }
            if errno == EINTR { continue }
            buffer.removeLast(count)
            throw IntakeError(file: name, message: "cannot read the file: \(Descriptor.lastError())")
        }
    }
}

/// Closes the descriptor when the last copy of the source goes away.
private final class Descriptor: Sendable {
    let fd: Int32
    private let owned: Bool

    init(fd: Int32, owned: Bool) {
        self.fd = fd
        self.owned = owned
    }

    deinit { if owned { _ = close(fd) } }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

/// `read(2)`, named apart from the protocol's `read(into:upTo:)`.
@inline(__always)
private func systemRead(_ fd: Int32, _ into: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, into, count)
}
