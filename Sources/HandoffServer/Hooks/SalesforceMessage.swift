import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Salesforce outbound message: the SOAP `notifications` call, with the sending organization and up to
/// 100 `Notification`s, each an `Id` and an `sObject` whose child elements are the record's fields by
/// API name (`sf:Company`, ...). Read with XMLParser within limits: no DTD (SOAP forbids one, and so no
/// entity can be declared or fetched), bounded depth, fields and value lengths; a malformed message is
/// refused with what is wrong, never half read.
struct SalesforceMessage: Sendable, Equatable {
    struct Notification: Sendable, Equatable {
        var id: String
        /// The sObject's `xsi:type` without its prefix: `Lead`.
        var type: String?
        /// Field API name -> value; fields sent as `xsi:nil` are left out.
        var fields: [String: String]
    }

    var organizationId: String
    var notifications: [Notification]

    static let notificationLimit = 100
    static let depthLimit = 12
    static let fieldLimit = 500
    static let valueLimit = 64 * 1_024

    static func read(_ bytes: [UInt8]) throws(SOAPProblem) -> SalesforceMessage {
        if containsDeclaration(bytes) {
            throw SOAPProblem("the message holds a DTD (<!DOCTYPE or <!ENTITY); SOAP messages carry none, and this endpoint reads none")
        }
        let reader = MessageReader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard bytes.contains(where: { $0 > 0x20 }) else { throw SOAPProblem("the body is empty; Salesforce sends a SOAP message") }
        // XMLParser may answer true for a document it found errors in, or that ends unclosed: the
        // delegate notes both.
        let parsed = parser.parse()
        if let problem = reader.problem { throw problem }
        if let error = reader.error ?? (parsed ? nil : (parser.lineNumber, parser.columnNumber, (parser.parserError as? NSError)?.code ?? 0)) {
            throw SOAPProblem("the XML is malformed at line \(error.line), column \(error.column) (XML parser error \(error.code))")
        }
        guard reader.rootClosed else {
            throw SOAPProblem("the XML is malformed: it ends at line \(parser.lineNumber) before its root element is closed (a message cut short?)")
        }
        guard reader.sawNotifications else {
            throw SOAPProblem("not a Salesforce outbound message: no notifications element in a SOAP Envelope's Body")
        }
        guard let organization = reader.organizationId, !organization.isEmpty else {
            throw SOAPProblem("the notifications element has no OrganizationId")
        }
        guard !reader.notifications.isEmpty else { throw SOAPProblem("the message holds no Notification") }
        for (index, notification) in reader.notifications.enumerated() where notification.id.isEmpty {
            throw SOAPProblem("Notification \(index + 1) has no Id")
        }
        return SalesforceMessage(organizationId: organization, notifications: reader.notifications)
    }

    /// Whether the bytes hold `<!DOCTYPE` or `<!ENTITY`, in any case.
    private static func containsDeclaration(_ bytes: [UInt8]) -> Bool {
        let needles = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        guard bytes.count >= 8 else { return false }
        for start in 0..<bytes.count where bytes[start] == UInt8(ascii: "<") {
            for needle in needles where start + needle.count <= bytes.count {
                var same = true
                for (offset, byte) in needle.enumerated() where bytes[start + offset] & 0xDF != byte & 0xDF {
                    same = false
                    break
                }
                if same { return true }
            }
        }
        return false
    }
}

/// What is wrong with a message, said in the SOAP fault.
struct SOAPProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// XMLParser's delegate: follows the element path by local name (prefixes dropped) and keeps what the
/// message says. Used on one thread, for one parse.
private final class MessageReader: NSObject, XMLParserDelegate {
    var organizationId: String?
    var notifications: [SalesforceMessage.Notification] = []
    var sawNotifications = false
    var problem: SOAPProblem?
    /// The first syntax error XMLParser reported: where, and its code.
    var error: (line: Int, column: Int, code: Int)?
    var rootClosed = false

    private var path: [String] = []
    private var text = ""
    private var current: SalesforceMessage.Notification?
    /// Set while inside an sObject field sent as `xsi:nil="true"`.
    private var nilField = false

    private static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private func stop(_ parser: XMLParser, _ message: String) {
        if problem == nil { problem = SOAPProblem(message) }
        parser.abortParsing()
    }

    /// The element path up to `notifications`: Envelope / Body / notifications.
    private var inNotifications: Bool { path.count >= 3 && path[0] == "Envelope" && path[1] == "Body" && path[2] == "notifications" }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = Self.local(elementName)
        path.append(name)
        text = ""
        guard path.count <= SalesforceMessage.depthLimit else { return stop(parser, "the XML nests deeper than \(SalesforceMessage.depthLimit) elements") }
        if path.count == 3, inNotifications { sawNotifications = true }
        guard inNotifications else { return }
        switch path.count {
        case 4 where name == "Notification":
            guard notifications.count < SalesforceMessage.notificationLimit else {
                return stop(parser, "the message holds more than \(SalesforceMessage.notificationLimit) notifications; Salesforce sends at most 100")
            }
            current = SalesforceMessage.Notification(id: "", type: nil, fields: [:])
        case 5 where name == "sObject" && path[3] == "Notification":
            let type = attributes.first { Self.local($0.key) == "type" }?.value
            current?.type = type.map(Self.local)
        case 6 where path[4] == "sObject":
            nilField = attributes.contains { Self.local($0.key) == "nil" && $0.value == "true" }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil { error = (parser.lineNumber, parser.columnNumber, (parseError as NSError).code) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard text.utf8.count + string.utf8.count <= SalesforceMessage.valueLimit else {
            return stop(parser, "a value is longer than \(SalesforceMessage.valueLimit) bytes")
        }
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            path.removeLast()
            text = ""
            if path.isEmpty { rootClosed = true }
        }
        guard inNotifications else { return }
        let name = Self.local(elementName)
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch path.count {
        case 4 where name == "OrganizationId":
            organizationId = value
        case 4 where name == "Notification":
            if let current { notifications.append(current) }
            current = nil
        case 5 where name == "Id" && path[3] == "Notification":
            current?.id = value
        case 6 where path[4] == "sObject":
            defer { nilField = false }
            guard !nilField, !value.isEmpty else { return }
            guard current?.fields[name] == nil else { return stop(parser, "Notification \(notifications.count + 1) repeats the field \(name)") }
            guard (current?.fields.count ?? 0) < SalesforceMessage.fieldLimit else {
                return stop(parser, "Notification \(notifications.count + 1) has more than \(SalesforceMessage.fieldLimit) fields")
            }
            current?.fields[name] = value
        default:
            break
        }
    }
}
