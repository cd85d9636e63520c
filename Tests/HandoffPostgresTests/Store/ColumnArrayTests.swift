import Foundation
@testable import HandoffPostgres
import NIOCore
import PostgresNIO
import Testing

/// Many-row writes bind a column as one array: every value must reach the server as it was, NULLs,
/// empty texts and bytes, and text beyond ASCII included, in order.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct ColumnArrayTests {
    @Test func everyValueArrivesAsItWasInOrder() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            let texts: [String?] = ["ana", nil, "", "Zoë Müller-Łukasz 東京 🙂", String(repeating: "x", count: 70_000), "it's \"quoted\"\\"]
            let numbers: [Int64] = [0, -1, .max, .min, 42, 7]
            let doubles: [Double] = [0, -0.5, 1_764_000_000.123456, .greatestFiniteMagnitude, 1e-300, 3]
            let bytes: [[UInt8]?] = [[], nil, [0, 255, 0], Array(repeating: 7, count: 32), [1], [0]]
            var text = ColumnArray(.text), int8 = ColumnArray(.int8), float8 = ColumnArray(.float8), bytea = ColumnArray(.bytea)
            for i in 0..<texts.count {
                text.append(texts[i])
                int8.append(numbers[i])
                float8.append(doubles[i])
                bytea.append(bytes: bytes[i])
            }
            let rows = try session.rows("""
                SELECT t, n, d, b FROM unnest(\(text)::text[], \(int8)::bigint[], \(float8)::float8[], \(bytea)::bytea[]) WITH ORDINALITY AS v (t, n, d, b, i)
                ORDER BY i
                """, as: (String?, Int64, Double, ByteBuffer?).self)
            #expect(rows.map(\.0) == texts)
            #expect(rows.map(\.1) == numbers)
            #expect(rows.map(\.2) == doubles)
            #expect(rows.map { $0.3.map { Array($0.readableBytesView) } } == bytes)
        }
        try await TestServer.drop(location)
    }

    @Test func anEmptyColumnIsAnEmptyArray() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            let empty = ColumnArray(.text)
            #expect(try session.value("SELECT cardinality(\(empty)::text[])::bigint", as: Int64.self) == 0)
            #expect(try session.values("SELECT unnest(\(empty)::text[])", as: String.self).isEmpty)
        }
        try await TestServer.drop(location)
    }
}
