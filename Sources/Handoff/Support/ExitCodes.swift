import ArgumentParser

/// The exit codes the help text promises; 0 and 64 (usage) come from ArgumentParser itself.
extension ExitCode {
    /// The rulebook has errors; `doctor` found problems.
    static let rulebookInvalid = ExitCode(1)
    /// `doctor` found the log and the projections disagreeing.
    static let unhealthy = ExitCode(1)
    /// A file could not be read: the rulebook, or the database (missing, damaged, locked).
    static let unreadable = ExitCode(2)
    /// An operator command was refused for at least one lead (changed since, not allowed, unknown).
    static let refused = ExitCode(3)
    /// `show` or `explain` was given a lead the database does not have.
    static let noSuchLead = ExitCode(4)
}
