import Synchronization
import Testing
@testable import HandoffServer

/// What a follower may ask of the feed, and the refusals that name the field at fault.
struct FeedQueryTests {
    @Test func aPollDefaultsToTheStartOfTheLog() throws {
        let query = try FeedQuery.poll(after: nil, limit: nil, wait: nil)
        #expect(query == FeedQuery(after: 0, limit: 100, wait: .seconds(30)))
        #expect(try FeedQuery.poll(after: "42", limit: "5", wait: "0.5") == FeedQuery(after: 42, limit: 5, wait: .milliseconds(500)))
    }

    @Test(arguments: [("after", "x"), ("after", "-1"), ("after", "1.5"), ("limit", "0"), ("limit", "1001"), ("wait", "61"), ("wait", "nan"), ("wait", "-1")])
    func badFieldsAreRefusedByName(field: String, value: String) {
        do {
            _ = try FeedQuery.poll(after: field == "after" ? value : nil, limit: field == "limit" ? value : nil, wait: field == "wait" ? value : nil)
            Issue.record("\(field)=\(value) was accepted")
        } catch {
            #expect(error.field == field)
            #expect(error.code == "bad_\(field)")
            #expect(error.message.hasPrefix(field))
        }
    }

    @Test func aStreamResumesFromLastEventIDOverAfterAndOtherwiseFromNow() throws {
        #expect(try FeedQuery.stream(after: "3", lastEventID: "9").after == 9)
        #expect(try FeedQuery.stream(after: "3", lastEventID: nil).after == 3)
        #expect(try FeedQuery.stream(after: nil, lastEventID: nil).after == nil)
        #expect(throws: FeedQuery.Problem.self) { try FeedQuery.stream(after: nil, lastEventID: "abc") }
    }

    @Test func streamTextIsOneEventPerEntryAndCommentsStayOnOneLine() {
        let text = EventStreamText.events([FeedEntry(seq: 7, json: #"{"seq":7}"#), FeedEntry(seq: 8, json: #"{"seq":8}"#)])
        #expect(text == "id: 7\ndata: {\"seq\":7}\n\nid: 8\ndata: {\"seq\":8}\n\n")
        #expect(EventStreamText.comment("disk\nfull\r") == ": disk full \n\n")
        #expect(EventStreamText.opening(after: 5).hasPrefix("retry: 2000\n: "))
    }
}

/// The last minute's intake, bucketed by second on an injected clock.
struct IntakeRatesTests {
    final class Clock: Sendable {
        let now = Mutex<Int64>(1_000)
        var seconds: Int64 { now.withLock { $0 } }
        func pass(_ seconds: Int64) { now.withLock { $0 += seconds } }
    }

    @Test func countsTheLastSixtySecondsOnly() {
        let clock = Clock()
        let rates = IntakeRates(clock: { clock.seconds })
        rates.request(status: 202)
        rates.request(status: 401)
        rates.leads(stored: 5, rejected: 1)
        #expect(rates.lastMinute() == IntakeRates.Minute(requests: 2, leads: 5, rejected: 2))
        clock.pass(30)
        rates.request(status: 200)
        rates.leads(stored: 2, rejected: 0)
        #expect(rates.lastMinute() == IntakeRates.Minute(requests: 3, leads: 7, rejected: 2))
        clock.pass(30)
        #expect(rates.lastMinute() == IntakeRates.Minute(requests: 1, leads: 2, rejected: 0))
        clock.pass(120)
        #expect(rates.lastMinute() == IntakeRates.Minute())
    }

    @Test func intakeRoutesAreLeadsAndHooks() {
        #expect(IntakeRates.isIntake("/v1/leads"))
        #expect(IntakeRates.isIntake("/hooks/hubspot"))
        #expect(!IntakeRates.isIntake("/v1/events"))
        #expect(!IntakeRates.isIntake("/metrics"))
    }
}
