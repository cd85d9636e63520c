import ArgumentParser

/// `--force`: act on leads another operator claimed (`handoff claim`), who is otherwise asked first.
struct ClaimOptions: ParsableArguments {
    @Flag(name: .long, help: "Act even on a lead another operator claimed; without it such a lead is refused, naming who claimed it and when.")
    var force = false
}
