import ArgumentParser
import Foundation
import HandoffDesk
import HandoffStore
import HandoffText

/// `handoff claim LEAD`: an operator takes an exception on, so colleagues are asked before they act on it.
struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim an exception: colleagues are asked first before they act on it.",
        discussion: """
            Only flagged leads are claimed; the claim ends when the lead leaves the exceptions (approved, \
            reassigned, disqualified, retried) or with `handoff unclaim`. Claiming is recorded in the log \
            (`claimed`, with who and when) and does not change the lead's version. A lead another operator \
            claimed is refused unless --force, which takes the claim over (the log names whose it was). \
            Viewers cannot claim.

            Exit codes: 0 claimed, 1 the rulebook has errors, 2 the rulebook or the database could not be \
            read, 3 refused (not an exception, claimed by someone else, not allowed, no such lead), 64 the \
            command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var claims: ClaimOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let opened = try desk.open()
        let id = LeadReference.id(lead)
        try ClaimRun.report(id, json: output.json, action: "claim", operatorName: opened.operatorName) {
            let claim = try opened.desk.claim(id, actor: opened.operatorName, overridingClaim: claims.force)
            return (claim, "\(id) claimed by \(claim.by) at \(InstantText.format(claim.at))")
        }
    }
}

/// `handoff unclaim LEAD`: ends a claim (someone else's only with --force).
struct UnclaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unclaim",
        abstract: "End a claim on an exception.",
        discussion: """
            Ends your claim on the lead, recorded in the log as `unclaimed`. Another operator's claim is \
            refused unless --force. A lead without a claim is left as it is (exit 0, nothing written).

            Exit codes: 0 unclaimed or nothing to unclaim, 1 the rulebook has errors, 2 the rulebook or \
            the database could not be read, 3 refused (claimed by someone else, not allowed, no such \
            lead), 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var claims: ClaimOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let opened = try desk.open()
        let id = LeadReference.id(lead)
        try ClaimRun.report(id, json: output.json, action: "unclaim", operatorName: opened.operatorName) {
            guard let ended = try opened.desk.unclaim(id, actor: opened.operatorName, overridingClaim: claims.force) else {
                return (nil, "\(id) has no claim; nothing to unclaim")
            }
            return (ended, "\(id) unclaimed (was claimed by \(ended.by) at \(InstantText.format(ended.at)))")
        }
    }
}

/// Runs a claim or unclaim and reports it as a line or as JSON; a refusal exits 3 with why.
enum ClaimRun {
    struct Result: Encodable {
        var action: String
        var operatorName: String
        var lead: String
        var ok: Bool
        var claimedBy: String?
        var claimedAt: Date?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case action, lead, ok, claimedBy, claimedAt, error
            case operatorName = "operator"
        }
    }

    static func report(_ id: String, json: Bool, action: String, operatorName: String, _ body: () throws -> (Claim?, String)) throws {
        var result = Result(action: action, operatorName: operatorName, lead: id, ok: true)
        do {
            let (claim, line) = try body()
            result.claimedBy = claim?.by
            result.claimedAt = claim?.at
            if json { print(JSONOutput.document(result)) } else { print(line) }
            return
        } catch let held as ClaimedByOther {
            result.error = "\(held); pass --force to \(action) it anyway"
            result.claimedBy = held.claim.by
            result.claimedAt = held.claim.at
        } catch let refused as DeskError {
            result.error = refused.description
        } catch let refused as ClaimRefusal {
            result.error = refused.description
        } catch let refused as StoreError {
            result.error = OperatorRun.withoutId(refused.description, id)
        } catch {
            // Anything else is the store's (locked, damaged, read-only): code 2, in its own words.
            try StoreFailure.guarded { () throws -> Void in throw error }
        }
        result.ok = false
        if json { print(JSONOutput.document(result)) } else { Console.error("\(id) refused: \(result.error ?? "")") }
        throw ExitCode.refused
    }
}
