import Foundation
import HandoffStore
import GRDB

/// Damage SQLite met in a database, remembered beside it (`handoff.db-damaged`, like SQLite's own
/// `-wal` and `-shm`) rather than in it: a damaged file is not written to again. A command that meets the
/// damage leaves the note; every later write is refused while it is there; `handoff doctor` removes it
/// once it finds the file whole (restored from a backup, say).
public enum StoreDamage {
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    static func isDamage(_ error: any Error) -> Bool {
        (error as? DatabaseError).map(isDamage) ?? false
    }

    public static func notePath(for path: String) -> String { path + "-damaged" }

    /// Whether the note at `notePath` is there: one `stat`, nothing read or allocated, cheap enough for
    /// every write.
    static func isNoted(_ notePath: String) -> Bool {
        var status = stat()
        return stat(notePath, &status) == 0
    }

    /// What the note says, when there is one.
    static func known(at path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: notePath(for: path)) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "found earlier" : text
    }

    /// Leaves the note. Best effort: in a folder this user cannot write, the command's own message is all there is.
    static func note(_ finding: String, at path: String) {
        try? Data((finding + "\n").utf8).write(to: URL(fileURLWithPath: notePath(for: path)))
    }

    static func clear(at path: String) {
        try? FileManager.default.removeItem(atPath: notePath(for: path))
    }

    /// The finding for an error SQLite raised, as the note and the message put it.
    static func finding(_ error: DatabaseError, while doing: String) -> String {
        "\(error.message ?? "SQLite reports damaged pages") (met while \(doing))"
    }
}
