import ArgumentParser
import Foundation
import HandoffText

/// `--json` and colour: how a command prints.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (field names in docs/CLI.md) instead of text.")
    var json = false

    var style: TextStyle { Console.style }
}
