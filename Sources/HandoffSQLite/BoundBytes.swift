/// Text and blobs bound to one statement, kept here until it has run. Bound with SQLITE_TRANSIENT,
/// SQLite copies each value into a buffer it allocates for that parameter and frees at the next bind:
/// eleven allocations a lead on a bulk import's INSERTs. Copied here instead, a value is bound with
/// SQLITE_STATIC and read in place; the blocks are reused run after run, so a statement's binds
/// allocate nothing once it has run once.
final class BoundBytes {
    private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// The block being filled, and how much of it is.
    private var current = 0
    private var used = 0
    /// Whether anything was kept since the last `reuse` (so there may be bindings that point here).
    private(set) var holding = false
    static let blockSize = 32 * 1024

    /// A copy of `bytes` that stays where it is until `reuse`.
    func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        holding = true
        let count = bytes.count
        while current < blocks.count, blocks[current].count - used < count {
            current += 1
            used = 0
        }
        if current == blocks.count {
            blocks.append(.allocate(byteCount: max(Self.blockSize, count), alignment: 8))
            used = 0
        }
        let start = blocks[current].baseAddress! + used
        if let source = bytes.baseAddress { start.copyMemory(from: source, byteCount: count) }
        used += count
        return UnsafeRawPointer(start)
    }

    /// Everything kept may be written over: call only once no binding points here (the statement
    /// has been reset and its bindings cleared). A block made for one large value is given back.
    func reuse() {
        for (i, block) in blocks.enumerated().reversed() where block.count > Self.blockSize {
            block.deallocate()
            blocks.remove(at: i)
        }
        current = 0
        used = 0
        holding = false
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
