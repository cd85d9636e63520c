/// The part of every operator command's help that is the same for all of them.
enum OperatorHelp {
    static let selection = """
        Name leads by id, or select them with --filter and the filters of `handoff leads` \
        (e.g. --filter --state flagged --reason duplicate_suspect). Each lead is reported as done, with the \
        state it is in now, or refused, with why; a lead selected by --filter is refused if it changed \
        while the command ran. --version N (one lead) refuses if the lead changed since you saw version N, \
        and says what changed, by whom and when. A lead another operator claimed (`handoff claim`) is \
        refused, naming who and when, unless --force.
        """

    static let exitCodes = """
        Exit codes: 0 every lead done, 1 the rulebook has errors, 2 the rulebook or the database could not \
        be read, 3 at least one lead refused the command, 64 the command line is wrong.
        """
}
