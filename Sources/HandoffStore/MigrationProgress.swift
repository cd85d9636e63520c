/// Hears how far a long migration is: what it does, the rows done and the rows to do. Called on the
/// migrating thread, often enough to redraw a progress bar.
public typealias MigrationProgress = @Sendable (_ what: String, _ done: Int, _ total: Int) -> Void
