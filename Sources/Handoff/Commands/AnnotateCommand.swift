import ArgumentParser
import Foundation

/// `handoff annotate LEAD TEXT`: a note in the lead's history; nothing else changes.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Add a note to a lead's history.",
        discussion: """
            Allowed in every state, closed leads included. --version N refuses if the lead changed since you \
            saw version N, and says what changed, by whom and when. A lead another operator claimed \
            (`handoff claim`) is refused, naming who and when, unless --force.

            """ + OperatorHelp.exitCodes
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @Argument(help: ArgumentHelp("The note; quote it.", valueName: "text"))
    var text: String

    @Option(name: .long, help: ArgumentHelp("Refuse unless the lead is still at this version.", valueName: "n"))
    var version: Int?

    @OptionGroup var claims: ClaimOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("The note is empty.") }
    }

    func run() throws {
        let opened = try desk.open()
        let target = SelectionOptions.Target(id: LeadReference.id(lead), version: version)
        try OperatorRun(verb: "annotate", command: .annotate(text), opened: opened, force: claims.force).run([target], json: output.json)
    }
}
