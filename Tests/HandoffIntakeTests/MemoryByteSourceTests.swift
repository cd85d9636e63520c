import Testing
@testable import HandoffIntake

@Suite struct MemoryByteSourceTests {
    @Test func readsInChunksNoLargerThanTheLimit() throws {
        var source = MemoryByteSource("abcdefg", name: "mem", chunkLimit: 3)
        var buffer: [UInt8] = []
        var sizes: [Int] = []
        while true {
            let n = try source.read(into: &buffer, upTo: 100)
            if n == 0 { break }
            sizes.append(n)
        }
        #expect(sizes == [3, 3, 1])
        #expect(String(decoding: buffer, as: UTF8.self) == "abcdefg")
    }
}
