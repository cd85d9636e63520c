import ArgumentParser

/// The exit codes the help text promises; 0 and 64 (usage) come from ArgumentParser itself.
extension ExitCode {
    /// The rulebook has errors.
    static let rulebookInvalid = ExitCode(1)
    /// A file could not be read.
    static let unreadable = ExitCode(2)
}
