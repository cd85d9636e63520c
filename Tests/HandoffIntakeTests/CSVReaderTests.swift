import Foundation
import Testing
@testable import HandoffIntake

@Suite struct CSVReaderTests {
    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = "name,notes\n\"Acme, Inc.\",\"said \"\"hi\"\"\nthen left\"\nplain,\"\"\n"
        let records = try Sample.records(text)
        #expect(records.map(\.strings) == [["name", "notes"], ["Acme, Inc.", "said \"hi\"\nthen left"], ["plain", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].rawText == "\"Acme, Inc.\",\"said \"\"hi\"\"\nthen left\"")
    }

    @Test func lineEndingsBOMAndBlankLines() throws {
        let text = "\u{FEFF}a,b\r\n\r\n1,2\r\n   \n3,\"x\r\ny\"\r4,5"
        let records = try Sample.records(text)
        #expect(records.map(\.strings) == [["a", "b"], ["1", "2"], ["3", "x\r\ny"], ["4", "5"]])
        // The BOM is not part of the first header; the blank and space-only lines are skipped but counted.
        #expect(records.map(\.line) == [1, 3, 5, 7])
        #expect(records[0].position(ofField: 0) == TextPosition(line: 1, column: 1))
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        let records = try Sample.records("a,,c,\n,\n")
        #expect(records.map(\.strings) == [["a", "", "c", ""], ["", ""]])
    }

    @Test func sameRecordsWhateverTheChunkSize() throws {
        let text = "\u{FEFF}id,notes,n\r\n1,\"multi\r\nline, with \"\"quotes\"\"\",3\r\n\r\n2,plain,4\n3,\"é ü 日本\",5\r6,x,7"
        let whole = try Sample.records(text)
        #expect(whole.count == 5)
        for chunk in 1...12 {
            let pieces = try Sample.records(text, chunk: chunk)
            #expect(pieces == whole, "chunk size \(chunk)")
        }
    }

    @Test func fieldPositionsCountScalarsAndLines() throws {
        let text = "h1,h2,h3\n\"a\nbé\",ü,x\n"
        let record = try Sample.records(text)[1]
        #expect(record.line == 2)
        #expect(record.position(ofField: 0) == TextPosition(line: 2, column: 1))
        // After the quoted line break: `bé",` is 4 scalars, so field 1 starts at column 5 of line 3.
        #expect(record.position(ofField: 1) == TextPosition(line: 3, column: 5))
        #expect(record.position(ofField: 2) == TextPosition(line: 3, column: 7))
        #expect(record.endPosition == TextPosition(line: 3, column: 8))
    }

    @Test func invalidUTF8IsAProblemOfTheRecordNotACrash() throws {
        let bytes = Sample.bytes("a,b\nok,") + [0xC3, 0x28] + Sample.bytes("\nfine,é\n")
        let records = try Sample.records(bytes)
        #expect(records.count == 3)
        #expect(records[1].problem == .invalidUTF8(field: 1))
        #expect(records[1].raw == Sample.bytes("ok,") + [0xC3, 0x28])
        #expect(records[2].problem == nil)
        #expect(records[2].strings == ["fine", "é"])
    }

    @Test func anUnclosedQuoteCostsOneLine() throws {
        let text = "a,b\n1,\"never closed\n2,two\n3,three\n"
        let records = try Sample.records(text)
        #expect(records.count == 4)
        #expect(records[1].problem == .unterminatedQuote(field: 1))
        #expect(records[1].rawText == "1,\"never closed")
        #expect(records[1].position(ofField: 1) == TextPosition(line: 2, column: 3))
        #expect(records[2].strings == ["2", "two"])
        #expect(records[2].line == 3)
        #expect(records[3].line == 4)
    }

    @Test func anUnclosedQuoteIsCutAtTheSizeLimit() throws {
        // With a 16-byte limit the quote never closes in time; the next lines still come through.
        let text = "a,b\n1,\"open\n2,xxxxxxxxxx\n3,yyyyyyyyyy\n4,zz\n"
        let records = try Sample.records(Sample.bytes(text), chunk: 4, options: ReadOptions(chunkSize: 4, maxRecordBytes: 16))
        #expect(records.map(\.line) == [1, 2, 3, 4, 5])
        #expect(records[1].problem == .unterminatedQuote(field: 1))
        #expect(records[2].strings == ["2", "xxxxxxxxxx"])
    }

    @Test func aLineLongerThanTheLimitIsCutAndSkipped() throws {
        let long = String(repeating: "x", count: 40)
        let text = "a,b\n1,\(long)\n2,ok\n"
        let records = try Sample.records(Sample.bytes(text), chunk: 8, options: ReadOptions(chunkSize: 8, maxRecordBytes: 16))
        #expect(records.count == 3)
        #expect(records[1].problem == .tooLong(limit: 16))
        #expect(records[1].raw.count == 16)
        #expect(records[2].strings == ["2", "ok"])
        #expect(records[2].line == 3)
    }

    @Test func textAfterAClosingQuote() throws {
        let records = try Sample.records("a,b\n\"x\"y,2\n")
        #expect(records[1].problem == .textAfterClosingQuote(field: 0, offset: 3))
        #expect(records[1].position(atOffset: 3) == TextPosition(line: 2, column: 4))
    }

    @Test func otherDelimiters() throws {
        let records = try Sample.records(Sample.bytes("a;b\n\"1;2\";3\n"), options: ReadOptions(delimiter: UInt8(ascii: ";")))
        #expect(records.map(\.strings) == [["a", "b"], ["1;2", "3"]])
    }

    @Test func emptyInputs() throws {
        #expect(try Sample.records("").isEmpty)
        #expect(try Sample.records("\u{FEFF}").isEmpty)
        #expect(try Sample.records("\n\r\n  \n").isEmpty)
    }

    @Test func readsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UInt64.random(in: 0...UInt64.max)).csv").path
        let text = "a,b\n" + (1...5_000).map { "\($0),\"v\($0)\"" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = CSVReader(try FileByteSource(path: path, name: "leads.csv"), options: ReadOptions(chunkSize: 1_000))
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() { count += 1; last = record }
        #expect(count == 5_001)
        #expect(last?.strings == ["5000", "v5000"])
        #expect(last?.line == 5_001)
    }

    @Test func aMissingFileIsAnError() {
        #expect(throws: IntakeError.self) { try FileByteSource(path: "/nonexistent/leads.csv", name: "leads.csv") }
    }
}
