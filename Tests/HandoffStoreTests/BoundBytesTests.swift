import Foundation
import GRDB
@testable import HandoffSQLite
import Testing

/// Text and blobs bound to a raw statement are kept by the statement until it runs (bound in place,
/// not copied by SQLite): every value must reach the row whole, however many share a run, and a run
/// must never read another's bytes.
struct BoundBytesTests {
    @Test func valuesKeptAcrossBlocksReadBackWhole() {
        let kept = BoundBytes()
        // Enough to fill several blocks, with one value larger than a block.
        var values = (0..<3_000).map { i in Array("value \(i) ".utf8) + [UInt8](repeating: UInt8(i % 251), count: i % 40) }
        values.insert([UInt8](repeating: 7, count: BoundBytes.blockSize * 2 + 3), at: 1_500)
        let places = values.map { value in value.withUnsafeBytes { kept.keep($0) } }
        for (value, place) in zip(values, places) {
            #expect(Array(UnsafeRawBufferPointer(start: place, count: value.count)) == value)
        }
        #expect(kept.holding)
        kept.reuse()
        #expect(!kept.holding)
        // Reused from the start: the first value's place is the first block's.
        let again = Array("again".utf8).withUnsafeBytes { kept.keep($0) }
        #expect(again == places[0])
    }

    @Test func rowsBoundInPlaceAreStoredWholeAndNothingOutlivesItsRun() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, a TEXT, b BLOB)")
            var inserts = MultiRowInsert(db, into: "t", columns: ["n", "a", "b"])
            let long = String(repeating: "ü", count: BoundBytes.blockSize)
            var expected: [Row] = []
            for round in 0..<4 {
                let insert = try inserts.statement(rows: 50)
                for r in 0..<50 {
                    let n = round * 50 + r
                    let text = n == 77 ? long : n % 9 == 0 ? "" : "lead \(n) · \(String(repeating: "x", count: n % 30))"
                    let blob = n % 7 == 0 ? [] : [UInt8](repeating: UInt8(n % 256), count: n % 50)
                    let o = Int32(r * 3)
                    insert.bind(o + 1, n)
                    insert.bind(o + 2, text)
                    insert.bind(o + 3, blob)
                    expected.append(["n": n, "a": text, "b": Data(blob)])
                }
                try insert.run()
            }
            let stored = try Row.fetchAll(db, sql: "SELECT n, a, b FROM t ORDER BY n")
            #expect(stored == expected)
            // Empty text and blobs are stored as empty values, not NULL.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t WHERE a IS NULL OR b IS NULL") == 0)

            // A parameter left unbound on the next run reads NULL, not the last run's bytes.
            let one = try inserts.statement(rows: 1)
            one.bind(1, 1_000)
            one.bind(2, "kept only for its run")
            one.bind(3, [1, 2, 3])
            try one.run()
            one.bind(1, 1_001)
            try one.run()
            let second = try #require(try Row.fetchOne(db, sql: "SELECT a, b FROM t WHERE n = 1001"))
            #expect(second["a"] as String? == nil && second["b"] as Data? == nil)
        }
    }
}
