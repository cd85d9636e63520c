import NIOCore
import PostgresNIO

/// One column of a many-row write, bound as a single array parameter in PostgreSQL's binary array format,
/// so a statement of a thousand rows has one parameter a column (`unnest($1::bigint[], $2::text[], ...)`)
/// instead of one a value. The server parses and plans such a statement in a fraction of a millisecond
/// whatever its rows; a `VALUES` list of the same rows, with tens of thousands of parameters, took it
/// milliseconds to parse, bind and plan, a fifth of what routing a batch cost. NULLs are kept as NULLs.
struct ColumnArray: PostgresDynamicTypeEncodable {
    enum Element {
        case int8, float8, text, bytea

        var oid: Int32 {
            switch self {
            case .int8: 20
            case .float8: 701
            case .text: 25
            case .bytea: 17
            }
        }

        var arrayType: PostgresDataType {
            switch self {
            case .int8: .int8Array
            case .float8: .float8Array
            case .text: .textArray
            case .bytea: .byteaArray
            }
        }
    }

    let element: Element
    private(set) var count = 0
    private var hasNull = false
    /// The elements so far, each its length (-1 for NULL) then its bytes.
    private var elements = ByteBuffer()

    init(_ element: Element, capacity: Int = 0) {
        self.element = element
        elements.reserveCapacity(capacity * 16)
    }

    mutating func append(_ value: Int64) {
        precondition(element == .int8, "an int8 column")
        elements.writeInteger(Int32(8))
        elements.writeInteger(value)
        count += 1
    }

    mutating func append(_ value: Double) {
        precondition(element == .float8, "a float8 column")
        elements.writeInteger(Int32(8))
        elements.writeInteger(value.bitPattern)
        count += 1
    }

    mutating func append(_ value: String?) {
        precondition(element == .text, "a text column")
        guard let value else { return appendNull() }
        let length = elements.writerIndex
        elements.writeInteger(Int32(0))
        let written = elements.writeString(value)
        elements.setInteger(Int32(written), at: length)
        count += 1
    }

    mutating func append(bytes: [UInt8]?) {
        precondition(element == .bytea, "a bytea column")
        guard let bytes else { return appendNull() }
        elements.writeInteger(Int32(bytes.count))
        elements.writeBytes(bytes)
        count += 1
    }

    private mutating func appendNull() {
        elements.writeInteger(Int32(-1))
        hasNull = true
        count += 1
    }

    var psqlType: PostgresDataType { element.arrayType }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Dimensions, whether any element is NULL, the elements' type; then each dimension's length and
        // lower bound (an empty array has no dimension).
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(hasNull ? 1 : 0))
        buffer.writeInteger(element.oid)
        if count > 0 {
            buffer.writeInteger(Int32(count))
            buffer.writeInteger(Int32(1))
        }
        var elements = elements
        buffer.writeBuffer(&elements)
    }
}
