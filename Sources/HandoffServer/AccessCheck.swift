import Hummingbird

/// Bearer tokens on every route but /healthz: missing or unknown gets 401, a token without the
/// route's scope 403. Without any token configured every request is refused, saying how to set one.
struct AccessCheck: Sendable {
    let tokens: AccessTokens

    /// Nil when the request may go on, else the answer.
    func refusal(_ request: Request, needs scope: TokenScope) -> Response? {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"handoff\""]
        guard !tokens.isEmpty else {
            return JSONAnswer.error(.unauthorized, code: "no_tokens_configured",
                                    "this server has no tokens; start it with HANDOFF_API_TOKEN set or --tokens FILE, then send Authorization: Bearer TOKEN",
                                    headers: challenge)
        }
        guard let header = request.headers[.authorization] else {
            return JSONAnswer.error(.unauthorized, code: "token_missing", "send Authorization: Bearer TOKEN", headers: challenge)
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else {
            return JSONAnswer.error(.unauthorized, code: "token_missing", "the Authorization header must be Bearer TOKEN", headers: challenge)
        }
        let token = String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        switch tokens.allows(token, scope) {
        case nil:
            return JSONAnswer.error(.unauthorized, code: "token_unknown", "the token is not one this server accepts", headers: challenge)
        case false?:
            return JSONAnswer.error(.forbidden, code: "scope_missing", "the token lacks the '\(scope.rawValue)' scope this route needs")
        case true?:
            return nil
        }
    }
}
