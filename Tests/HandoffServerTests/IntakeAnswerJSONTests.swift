import Foundation
import Testing
@testable import HandoffServer

/// The intake answer is written by hand for speed; it must be the very text JSONEncoder wrote.
struct IntakeAnswerJSONTests {
    func encoded(_ answer: IntakeAnswer) throws -> String {
        String(decoding: try JSONAnswer.encoder.encode(answer), as: UTF8.self) + "\n"
    }

    @Test func oneStoredLeadIsWrittenAsJSONEncoderWritesIt() throws {
        var answer = IntakeAnswer(intake: LeadIntake(numbering: .index), stored: [], decided: nil)
        answer.leads = [.init(index: 0, id: "L-0000001")]
        #expect(String(decoding: answer.json(), as: UTF8.self) == #"{"leads":[{"id":"L-0000001","index":0}],"rejected":[]}"# + "\n")
        #expect(String(decoding: answer.json(), as: UTF8.self) == (try encoded(answer)))
    }

    @Test(arguments: [
        "plain", "quote \" and backslash \\", "line\nbreak\rreturn\ttab", "bell \u{07} nul \u{00} esc \u{1B} \u{08} \u{0C}",
        "slash / kept", "Ünïcødé – “quotes” 日本 🚀", "",
    ])
    func decisionsRefusalsAndNotesMatchJSONEncoderForAnyText(text: String) throws {
        var answer = IntakeAnswer(intake: LeadIntake(numbering: .line), stored: [], decided: nil)
        answer.leads = [
            .init(line: 1, id: "L-0000001", decided: true, state: "assigned", owner: text, reason: nil, trace: "route → \(text)"),
            .init(line: 3, id: "L-0000002", decided: false, state: "received"),
        ]
        answer.rejected = [.init(line: 2, column: 7, field: text, reason: "not a number: \(text)"), .init(index: 4, column: 1, reason: text)]
        answer.note = "quarantined: \(text)"
        #expect(String(decoding: answer.json(), as: UTF8.self) == (try encoded(answer)))
    }
}
