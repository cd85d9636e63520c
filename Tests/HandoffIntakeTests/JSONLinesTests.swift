import Foundation
import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct JSONLinesTests {
    static let file = #"""
        {"id": "hs-1", "email": "ana@acme.com", "employees": 1200, "annual_revenue": 4.50e6, "score": null, "vip": true, "tags": ["a", "b"], "address": {"city": "Berlin"}}
        {"Email": "ben@globex.io", "Company Name": "Globex \"Labs\"", "Create Date": "2026-11-24 14:03", "note": "caf\u00e9 \ud83d\ude00"}

        {"email": "chloe@initech.fr", "employees": "lots"}
        {"email": "dan@umbrella.com",}
        ["not", "an", "object"]
        {"email": "eve@hooli.com", "email": "eve@else.com"}
        {"first_name": "", "last_name": null}
        {"email": "fay@pied.com"} trailing
        {"email": "gus@x.com", "Email": "other@x.com"}
        """#

    @Test func goodAndBadLines() throws {
        let run = try Sample.importLeads(Self.file, name: "leads.jsonl", format: .jsonLines)
        #expect(run.leads.map(\.line) == [1, 2, 10])
        let ana = run.leads[0].lead
        #expect(ana.externalId == "hs-1" && ana.email == "ana@acme.com")
        // Numbers keep their text; booleans read "true"; nested values are attributes as JSON text.
        #expect(ana.employees == "1200" && ana.annualRevenue == "4.50e6" && ana.score == nil)
        #expect(ana.attributes == ["vip": "true", "tags": #"["a", "b"]"#, "address": #"{"city": "Berlin"}"#])
        #expect(ana.receivedAt == Sample.now)
        let ben = run.leads[1].lead
        #expect(ben.company == "Globex \"Labs\"")
        #expect(ben.receivedAt == Sample.utc(2026, 11, 24, 14, 3))
        #expect(ben.attributes == ["note": "café 😀"])
        // A second key for a field already filled goes to attributes.
        #expect(run.leads[2].lead.email == "gus@x.com")
        #expect(run.leads[2].lead.attributes == ["Email": "other@x.com"])

        let q = run.quarantined
        #expect(q.map(\.spot) == ["4:44", "5:30", "6:1", "7:28", "8:1", "9:27"])
        #expect(q[0].reason == .notANumber(column: "employees", field: .employees, value: "lots"))
        #expect(q[1].reason == .invalidJSON("expected a key in double quotes"))
        #expect(q[2].reason == .invalidJSON("a JSON array; each line must be one object, {...}"))
        #expect(q[3].reason == .repeatedKey("email"))
        #expect(q[4].reason == .noValues)
        #expect(q[5].reason == .invalidJSON("text after the object; put one object on each line"))
        #expect(q[1].rawText == #"{"email": "dan@umbrella.com",}"#)
        #expect(q[1].description == #"leads.jsonl:5:30: not a JSON object: expected a key in double quotes"#)

        #expect(run.summary.dialect == .mixed)
        #expect(run.summary.columns.prefix(3).map(\.header) == ["id", "email", "employees"])
        #expect(run.summary.repeatedFields == [HeaderMap.RepeatedField(header: "Email", field: .email, filledBy: "email")])
    }

    @Test func parserReasons() {
        func problem(_ line: String) -> JSONProblem? {
            Array(line.utf8).withUnsafeBufferPointer { buf in
                if case .failure(let p) = JSONObjectParser.parse(buf) { return p }
                return nil
            }
        }
        #expect(problem(#"{"a": 01}"#) == JSONProblem(message: "invalid number: no leading zeros", offset: 6))
        #expect(problem(#"{"a": "x}"#) == JSONProblem(message: "the string is not closed", offset: 6))
        #expect(problem(#"{"a" 1}"#) == JSONProblem(message: "expected ':' after the key 'a'", offset: 5))
        #expect(problem(#"{"a": "\q"}"#) == JSONProblem(message: #"invalid escape '\q'"#, offset: 7))
        #expect(problem(#"{"a": "\ud83d"}"#) == JSONProblem(message: #"a \u escape for half of a surrogate pair"#, offset: 7))
        #expect(problem(#"{"a": tru}"#)?.message == "expected a value (a string, number, true, false, null, object or array)")
        #expect(problem(#"{"a": [1, {"b": }]}"#)?.message == "expected a value (a string, number, true, false, null, object or array)")
        #expect(problem(#"{"a": 1"#)?.message == "the object is not closed; expected ',' or '}'")
        #expect(problem(#"{"a": 1.5e+3, "b": -0, "c": {}, "d": []}"#) == nil)
    }

    @Test func invalidUTF8InAStringIsQuarantined() throws {
        let bytes = Sample.bytes(#"{"email": "a@b.c", "last_name": "M"#) + [0xFC] + Sample.bytes("ller\"}\n")
        let run = try Sample.importLeads(bytes, name: "x.jsonl", format: .jsonLines)
        #expect(run.leads.isEmpty)
        #expect(run.quarantined.map(\.reason) == [.invalidJSON("the string is not valid UTF-8")])
        #expect(run.quarantined[0].spot == "1:33")
        #expect(run.quarantined[0].raw == bytes.dropLast())
    }

    /// Only LF ends a JSON line; CRs inside one are whitespace, so a problem after them is still on that line.
    @Test func aProblemAfterCRsInALineIsOnThatLine() throws {
        let run = try Sample.importLeads("{\"email\":\r\r\r\rx}\n{\"email\": \"a@b.c\"}\n", name: "x.jsonl", format: .jsonLines)
        #expect(run.leads.map(\.line) == [2])
        #expect(run.quarantined.map(\.spot) == ["1:14"])
    }

    @Test func crlfBOMAndChunkEdges() throws {
        let text = "\u{FEFF}" + Self.file.replacingOccurrences(of: "\n", with: "\r\n")
        let whole = try Sample.importLeads(text, format: .jsonLines)
        #expect(whole.leads.count == 3 && whole.quarantined.count == 6)
        for chunk in [1, 4, 9] {
            let pieces = try Sample.importLeads(text, format: .jsonLines, chunk: chunk)
            #expect(pieces.leads == whole.leads)
            #expect(pieces.quarantined == whole.quarantined)
        }
    }

    @Test func aLineLongerThanTheLimit() throws {
        let text = #"{"email": "a@b.c", "notes": "\#(String(repeating: "x", count: 50))"}"# + "\n{\"email\": \"ok@b.c\"}\n"
        var reader = JSONLinesReader(MemoryByteSource(text, name: "x.jsonl", chunkLimit: 8), options: ReadOptions(chunkSize: 8, maxRecordBytes: 20))
        let first = try #require(try reader.next())
        #expect(first.problem?.lengthLimit == 20)
        #expect(first.raw.count == 20)
        let second = try #require(try reader.next())
        #expect(second.line == 2)
        #expect(second.members.map(\.key) == ["email"])
        #expect(try reader.next() == nil)
    }
}
