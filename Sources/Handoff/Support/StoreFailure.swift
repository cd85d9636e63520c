import ArgumentParser

/// Store errors no command expects (a locked, damaged or read-only file) end the command with code 2
/// and the store's own words, instead of ArgumentParser's generic code 1, which means "rulebook errors" here.
enum StoreFailure {
    static func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("handoff: database error: \(error)")
            throw ExitCode.unreadable
        }
    }
}
