import Foundation
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore
import Testing
@testable import HandoffServer

/// The OpenAPI document against the routes the server really registers, both ways, and each route's
/// scope against the one the document names.
@Suite struct OpenAPIRoutesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.text.utf8)) as? [String: Any])
    }

    /// `METHOD /path` to the operation.
    func operations() throws -> [String: [String: Any]] {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var found: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any] else { continue }
                found["\(method.uppercased()) \(path)"] = operation
            }
        }
        return found
    }

    func server() throws -> LiveServer {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).db").path
        let desk = try Desk(store: try SQLiteStore(path: file), rulebook: LiveDemo.exampleRulebook, clock: { Date() })
        var tokens = AccessTokens()
        tokens.add(token: "0123456789abcdef0123", scopes: [.admin])
        return LiveServer(desk: desk, rules: nil, settings: ServerSettings(listen: .standard, tokens: tokens), log: { _ in })
    }

    @Test func theDocumentInDocsIsTheOneServed() throws {
        let file = Self.packageRoot.appendingPathComponent("docs/openapi.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == OpenAPIDocument.text, "docs/openapi.json changed: run .ci/embed-openapi to build it into the server")
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteRegistered() throws {
        let registered = Set(try server().registeredRoutes)
        let documented = Set(try operations().keys)
        #expect(registered.count >= 6, "\(registered)")
        #expect(registered.subtracting(documented).isEmpty, "registered but not in docs/openapi.json: \(registered.subtracting(documented).sorted())")
        let missing = documented.subtracting(registered)
        #expect(missing.isEmpty, "documented but not registered: \(missing.sorted())")
    }

    @Test func eachOperationNamesTheScopeItsRouteNeeds() throws {
        let operations = try operations()
        for route in try server().routeTable() {
            let operation = try #require(operations[route.name], "\(route.name) is not documented")
            let security = try #require(operation["security"] as? [[String: [String]]], "\(route.name) says nothing of security")
            if let scope = route.scope {
                #expect(security == [["bearerToken": [scope.rawValue]]], "\(route.name): \(security)")
                let statuses = Set((operation["responses"] as? [String: Any])?.keys.map { $0 } ?? [])
                #expect(statuses.isSuperset(of: ["401", "403"]), "\(route.name) lists no 401/403")
            } else {
                // No bearer token: nothing, or the sender's own proof (HubSpot's request signature).
                #expect(!security.contains { $0.keys.contains("bearerToken") }, "\(route.name) needs no token, yet the document asks for \(security)")
            }
        }
    }

    @Test func everyReferencedSchemaExists() throws {
        let document = try document()
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let headers = try #require((document["components"] as? [String: Any])?["headers"] as? [String: Any])
        let references = OpenAPIDocument.text.matches(of: /"\$ref": "#\/components\/(schemas|headers)\/([A-Za-z]+)"/)
        #expect(!references.isEmpty)
        for reference in references {
            let table = reference.output.1 == "schemas" ? schemas : headers
            #expect(table[String(reference.output.2)] != nil, "no \(reference.output.1) \(reference.output.2)")
        }
    }
}
