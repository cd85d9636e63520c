import Testing
@testable import HandoffServer

struct AccessTokensTests {
    let intake = "intake-0123456789abcdef"
    let reader = "reader-0123456789abcdef"

    @Test func aTokensFileGivesEachTokenItsScopes() throws {
        let tokens = try AccessTokens.parse("# comment\n\n\(intake) intake\n\(reader)\tread,admin\n", file: "tokens")
        #expect(tokens.count == 2)
        #expect(tokens.allows(intake, .intake) == true)
        #expect(tokens.allows(intake, .read) == false)
        #expect(tokens.allows(reader, .intake) == true, "admin includes intake")
        #expect(tokens.allows("unknown-0123456789abcdef", .intake) == nil)
        #expect(tokens.allows(String(intake.dropLast()), .intake) == nil, "a prefix is not the token")
    }

    @Test(arguments: [
        ("short intake\n", "tokens:1: the token is shorter than 16"),
        ("intake-0123456789abcdef\n", "tokens:1: a line is `TOKEN SCOPES`"),
        ("intake-0123456789abcdef write\n", "tokens:1: no scope 'write'"),
        ("# only a comment\n", "holds no token"),
    ])
    func badLinesAreRefusedByLineWithoutTheToken(text: String, expected: String) {
        #expect {
            try AccessTokens.parse(text, file: "tokens")
        } throws: { error in
            let message = (error as? TokenFileError)?.description ?? ""
            return message.contains(expected) && !message.contains("0123456789abcdef")
        }
    }
}

struct ListenAddressTests {
    @Test func hostAndPort() throws {
        let address = try ListenAddress.parse("127.0.0.1:8420").get()
        #expect(address.host == "127.0.0.1" && address.port == 8420 && address.isLoopback)
        let v6 = try ListenAddress.parse("[::1]:9000").get()
        #expect(v6.host == "::1" && v6.port == 9000 && v6.isLoopback)
        #expect(v6.description == "[::1]:9000")
    }

    @Test func onlyLoopbackAddressesAreLoopback() throws {
        for text in ["127.0.0.1:1", "127.1.2.3:1", "localhost:1"] { #expect(try ListenAddress.parse(text).get().isLoopback, "\(text)") }
        for text in ["0.0.0.0:1", "10.0.0.1:1", "[::]:1", "127.0.0.1.example.com:1", "1270.0.0.1:1"] {
            #expect(try !ListenAddress.parse(text).get().isLoopback, "\(text)")
        }
    }

    @Test(arguments: ["8420", ":8420", "host:port", "host:70000", "[::1]8420", "a:b:c"])
    func notHostAndPort(text: String) {
        #expect(throws: ListenAddressError.self) { try ListenAddress.parse(text).get() }
    }

    @Test func nonLoopbackWithoutTokensIsRefused() throws {
        let open = ServerSettings(listen: try ListenAddress.parse("0.0.0.0:8420").get(), tokens: AccessTokens())
        #expect(open.refusal?.contains("without tokens") == true)
        var tokens = AccessTokens()
        tokens.add(token: "admin-0123456789abcdef", scopes: [.admin])
        #expect(ServerSettings(listen: try ListenAddress.parse("0.0.0.0:8420").get(), tokens: tokens).refusal == nil)
        #expect(ServerSettings(listen: .standard, tokens: AccessTokens()).refusal == nil)
    }
}
