import Hummingbird

/// The OpenAPI 3.1 document of the whole API, served at `GET /openapi.json`. It is compiled into the
/// binary, so serve answers with it from any directory; docs/openapi.json holds the same text (a test
/// checks they agree, and that every route in it is one the server registers and the other way round).
public enum OpenAPIDocument {
    public static func response() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    public static let text = OpenAPIText.json
}
