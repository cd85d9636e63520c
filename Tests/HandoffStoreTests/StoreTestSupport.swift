import Foundation
import HandoffSQLite

/// A fresh database file in its own temporary folder.
func temporaryStore() throws -> SQLiteStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
}
