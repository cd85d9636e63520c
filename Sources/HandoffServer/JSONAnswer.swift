import Foundation
import Hummingbird

/// Answers as JSON, and the one error shape every rejection uses: what went wrong, a code a program can
/// test, and the limit or scope at fault when there is one.
enum JSONAnswer {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var bytes = [UInt8](data)
        bytes.append(0x0A)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An answer already written as JSON (with its closing line feed).
    static func response(_ status: HTTPResponse.Status, json: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

        static func error(_ status: HTTPResponse.Status, code: String, _ message: String, limit: String? = nil, field: String? = nil,
                      headers: HTTPFields = [:]) -> Response {
        response(status, ErrorBody(error: ErrorBody.Detail(code: code, message: message, limit: limit, field: field)), headers: headers)
    }
}

struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        /// The limit at fault, as its option names it (`max-body`, `max-leads`, `request-timeout`).
        var limit: String?
        /// The query field or header at fault (`after`, `limit`, `wait`, `Last-Event-ID`).
        var field: String?
    }

    var error: Detail
}
