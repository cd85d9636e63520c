import Testing
@testable import HandoffServer

/// Request bodies become one line per record, so `handoff import`'s JSON Lines reader reads them all.
struct LeadBodyTests {
    func lines(_ body: LeadBody) -> [String] {
        String(decoding: body.lines, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aPrettyPrintedObjectIsOneLine() throws {
        let body = try LeadBody.read(Array("{\n  \"email\": \"a@b.example\",\n  \"company\": \"B\"\n}\n".utf8), ndjson: false)
        #expect(body.records == 1)
        #expect(body.numbering == .index)
        #expect(lines(body) == ["{   \"email\": \"a@b.example\",   \"company\": \"B\" }"])
    }

    @Test func anArrayIsOneLinePerElementWithCommasAndBracketsInsideStringsLeftAlone() throws {
        let text = #"[ {"company": "A, [B] {C}"}, {"note": "say \"hi\", ok"} ,{"x": [1, 2]} ]"#
        let body = try LeadBody.read(Array(text.utf8), ndjson: false)
        #expect(body.records == 3)
        #expect(lines(body) == [#"{"company": "A, [B] {C}"}"#, #"{"note": "say \"hi\", ok"}"#, #"{"x": [1, 2]}"#])
    }

    @Test func anElementThatIsNotAnObjectKeepsItsPlaceForTheReaderToRefuse() throws {
        let body = try LeadBody.read(Array(#"[1, {"a": "b"}, "text"]"#.utf8), ndjson: false)
        #expect(lines(body) == ["1", #"{"a": "b"}"#, #""text""#])
    }

    @Test func jsonLinesStayAsSentAndCountNonBlankLines() throws {
        let text = "{\"a\": 1}\n\n  \n{\"b\": 2}"
        let body = try LeadBody.read(Array(text.utf8), ndjson: true)
        #expect(body.records == 2)
        #expect(body.numbering == .line)
        #expect(body.lines == Array(text.utf8))
    }

    @Test(arguments: [
        ("", "empty"),
        ("hello", "not a JSON object or array"),
        ("[{\"a\": 1}", "not closed"),
        ("[{\"a\": 1}] [{}]", "text follows"),
        ("[{\"a\": 1},, {}]", "element 1 of the array is empty"),
        ("[{\"a\": \"line\nbreak\"}]", "line break inside a string"),
    ])
    func bodiesThatHoldNoRecordsAreRefusedSayingWhy(text: String, expected: String) {
        #expect {
            try LeadBody.read(Array(text.utf8), ndjson: false)
        } throws: { error in
            (error as? BodyProblem)?.message.contains(expected) == true
        }
    }

    @Test func anEmptyArrayHoldsNoRecords() throws {
        #expect(try LeadBody.read(Array("[ ]".utf8), ndjson: false).records == 0)
    }
}
