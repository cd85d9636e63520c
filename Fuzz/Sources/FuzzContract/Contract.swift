import Foundation

/// A broken promise stops the run with the promise in words, so libFuzzer keeps the input as a crash.
public func require(_ condition: @autoclosure () -> Bool, _ promise: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("contract broken: \(promise())", file: file, line: line) }
}

/// The fuzzer's bytes as text: YAML and the command line take Swift strings, so invalid UTF-8 is
/// repaired the way a file read as UTF-8 would be.
public func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// How many lines a file has, by LF, so a reported line can be checked to lie inside it.
public func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
}

/// How many lines a CSV file has: LF, CRLF and a lone CR each end one.
public func csvLineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n"))) {
        lines += 1
    }
    return lines
}

/// How many lines YAML sees in a text: it also ends a line at a lone CR, NEL, LS and PS, and the
/// diagnostics count lines its way.
public func yamlLineCount(_ text: String) -> Int {
    var lines = 1
    var afterCR = false
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": if !afterCR { lines += 1 }
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        afterCR = scalar == "\r"
    }
    return lines
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target's check, set once before the driver starts; libFuzzer calls it from one thread only.
nonisolated(unsafe) private var target: ([UInt8]) -> Void = { _ in }

/// libFuzzer's entry for one input; its own `main`, when the linker keeps it, calls this too.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Hands the command line to libFuzzer, which calls `body` with each input, and exits with its status.
/// (SwiftPM gives an executable its own entry point, so libFuzzer's `main` is not used.)
public func fuzz(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, testOneInput))
}
