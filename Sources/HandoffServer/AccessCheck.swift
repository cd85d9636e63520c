import Hummingbird

/// Bearer tokens on every route but /healthz: missing or unknown gets 401, a token without the
/// route's scope 403. Without any token configured every request is refused, saying how to set one.
struct AccessCheck: Sendable {
    let tokens: AccessTokens

    /// Nil when the request may go on, else the answer.
    func refusal(_ request: Request, needs scope: TokenScope) -> Response? {
        let challenge = Self.challenge
        guard !tokens.isEmpty else {
            return JSONAnswer.error(.unauthorized, code: "no_tokens_configured",
                                    "this server has no tokens; start it with HANDOFF_API_TOKEN set or --tokens FILE, then send Authorization: Bearer TOKEN",
                                    headers: challenge)
        }
        guard let header = request.headers[.authorization] else {
            return JSONAnswer.error(.unauthorized, code: "token_missing", "send Authorization: Bearer TOKEN", headers: challenge)
        }
        guard let token = Self.bearerToken(header) else {
            return JSONAnswer.error(.unauthorized, code: "token_missing", "the Authorization header must be Bearer TOKEN", headers: challenge)
        }
        switch tokens.allows(token, scope) {
        case nil:
            return JSONAnswer.error(.unauthorized, code: "token_unknown", "the token is not one this server accepts", headers: challenge)
        case false?:
            return JSONAnswer.error(.forbidden, code: "scope_missing", "the token lacks the '\(scope.rawValue)' scope this route needs")
        case true?:
            return nil
        }
    }

    private static let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"handoff\""]

    /// The token of `Bearer TOKEN` (the scheme in any case, blanks around the token dropped), read as
    /// bytes: every request passes here.
    static func bearerToken(_ header: String) -> String? {
        let bytes = header.utf8
        let scheme = "bearer ".utf8
        guard bytes.count > scheme.count else { return nil }
        var index = bytes.startIndex
        for expected in scheme {
            // ASCII letters lowercased; the space matches only itself.
            let byte = bytes[index]
            guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { return nil }
            index = bytes.index(after: index)
        }
        var token = bytes[index...]
        while let first = token.first, first == 0x20 || first == 0x09 { token = token.dropFirst() }
        while let last = token.last, last == 0x20 || last == 0x09 { token = token.dropLast() }
        guard !token.isEmpty else { return nil }
        return String(decoding: token, as: UTF8.self)
    }
}
