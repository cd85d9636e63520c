import Foundation
import Testing
@testable import HandoffServer

/// HubSpot's signatures against the example values of HubSpot's own documentation (v1, v2), and v3
/// against values computed independently (`openssl dgst -sha256 -hmac SECRET -binary | base64`), since
/// HubSpot's page gives no v3 example.
struct HubSpotSignatureTests {
    let secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
    let body = Array(#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#.utf8)
    let sentAt = Date(timeIntervalSince1970: 1_564_113_600)

    @Test func v1IsTheDocumentedHashOfSecretAndBody() {
        #expect(HubSpotSignature.v1(secret: secret, body: body) == "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de")
    }

    @Test func v2IsTheDocumentedHashOfSecretMethodAndURI() {
        #expect(HubSpotSignature.v2(secret: secret, method: "GET", uri: "https://www.example.com/webhook_uri", body: [])
            == "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e")
    }

    @Test func v3IsTheBase64HMACOfMethodURIBodyAndTimestamp() {
        #expect(HubSpotSignature.v3(secret: secret, method: "POST", uri: "https://www.example.com/webhook_uri", body: body, timestamp: "1564113600000")
            == "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=")
    }

    @Test func v3DecodesTheCharactersOfHubSpotsTableAndNoOthers() {
        let uri = "https://hooks.example.com/hubspot?portal=62515&name=a%40b%27s%28x%29%2a%2Cy%3Bz%21%24%20"
        #expect(HubSpotSignature.decodedURI(uri) == "https://hooks.example.com/hubspot?portal=62515&name=a@b's(x)*,y;z!$%20")
        #expect(HubSpotSignature.v3(secret: secret, method: "POST", uri: uri, body: Array("{}".utf8), timestamp: "1564113600000")
            == "D9z/Y8z5oyvt0dVXUPOTEKm+ogLTJ7kidyVHvUNxZ3g=")
        #expect(HubSpotSignature.decodedURI("https://x.example/a%2") == "https://x.example/a%2", "a cut-off escape stays as it is")
    }

    func verify(_ presented: HubSpotSignature.Presented, body: [UInt8]? = nil, now: Date? = nil) -> Result<HubSpotSignature.Verified, HubSpotSignature.Rejection> {
        HubSpotSignature.verify(presented, secret: secret, method: "POST", uri: "https://www.example.com/webhook_uri",
                                body: body ?? self.body, now: now ?? sentAt.addingTimeInterval(10))
    }

    @Test func eachVersionIsAcceptedWhenItMatchesAndRefusedWhenTheBodyChanged() {
        let v3 = HubSpotSignature.Presented(v3: "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=", timestamp: "1564113600000")
        #expect((try? verify(v3).get())?.version == .v3)
        let v2 = HubSpotSignature.Presented(signature: HubSpotSignature.v2(secret: secret, method: "POST", uri: "https://www.example.com/webhook_uri", body: body), version: "v2")
        #expect((try? verify(v2).get())?.version == .v2)
        let v1 = HubSpotSignature.Presented(signature: "232DB2615F3D666FE21A8EC971AC7B5402D33B9A925784DF3CA654D05F4817DE", version: "v1")
        #expect((try? verify(v1).get())?.version == .v1, "hex in upper case is the same signature")

        var tampered = body
        tampered[tampered.count - 3] = UInt8(ascii: "9")
        for presented in [v3, v2, v1] {
            #expect(verify(presented, body: tampered) == .failure(.mismatch))
        }
        #expect(HubSpotSignature.verify(v3, secret: "another-secret", method: "POST", uri: "https://www.example.com/webhook_uri", body: body, now: sentAt)
            == .failure(.mismatch))
    }

    @Test func v3TimesAreCheckedBeforeTheSignature() {
        let v3 = HubSpotSignature.Presented(v3: "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=", timestamp: "1564113600000")
        #expect(verify(v3, now: sentAt.addingTimeInterval(300)).map(\.version) == .success(.v3), "exactly 5 minutes old is still in time")
        #expect(verify(v3, now: sentAt.addingTimeInterval(301)) == .failure(.expired))
        #expect(verify(v3, now: sentAt.addingTimeInterval(-60)).map(\.version) == .success(.v3), "a minute of clock skew is allowed")
        #expect(verify(v3, now: sentAt.addingTimeInterval(-61)) == .failure(.future))
        #expect(verify(HubSpotSignature.Presented(v3: "x", timestamp: "soon")) == .failure(.badTimestamp))
        #expect(verify(HubSpotSignature.Presented(v3: "x")) == .failure(.missing))
    }

    @Test func missingAndUnknownVersionsAreSaidApart() {
        #expect(verify(HubSpotSignature.Presented()) == .failure(.missing))
        #expect(verify(HubSpotSignature.Presented(signature: "abc")) == .failure(.unknownVersion))
        #expect(verify(HubSpotSignature.Presented(signature: "abc", version: "v9")) == .failure(.unknownVersion))
    }

    @Test func aV3SignatureIsTakenOnceWithinItsWindow() {
        let replays = ReplayGuard(sweepAt: 2)
        let now = sentAt.addingTimeInterval(10)
        #expect(replays.first("sig-a", sentAt: sentAt, now: now))
        #expect(!replays.first("sig-a", sentAt: sentAt, now: now.addingTimeInterval(200)))
        #expect(replays.first("sig-b", sentAt: sentAt, now: now))
        // Past the window a sweep forgets it (a replay that late is refused as expired anyway).
        #expect(replays.first("sig-c", sentAt: sentAt.addingTimeInterval(400), now: sentAt.addingTimeInterval(400)))
        #expect(replays.first("sig-a", sentAt: sentAt.addingTimeInterval(400), now: sentAt.addingTimeInterval(400)))
    }

    @Test func sameBytesComparesWholeValues() {
        #expect(AccessTokens.sameBytes(Array("abc".utf8), Array("abc".utf8)))
        #expect(!AccessTokens.sameBytes(Array("abc".utf8), Array("abd".utf8)))
        #expect(!AccessTokens.sameBytes(Array("abc".utf8), Array("ab".utf8)))
    }
}
