import ArgumentParser
import HandoffStore
import Synchronization

/// Store errors no command expects (a locked, damaged or read-only file) end the command with code 2
/// and the store's own words, instead of ArgumentParser's generic code 1, which means "rulebook errors" here.
enum StoreFailure {
    /// The database a command opened, as messages name it: a command opens one, so refusals met later
    /// (damage, say) can name it too.
    private static let shown = Mutex<String?>(nil)

    static func opened(_ name: String) {
        shown.withLock { $0 = name }
    }

    static func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let refusal as StoreRefusal {
            Console.error("handoff: \(shown.withLock { $0 } ?? "the database") \(refusal)")
            throw ExitCode.unreadable
        } catch {
            Console.error("handoff: database error: \(error)")
            throw ExitCode.unreadable
        }
    }
}
