import Foundation

/// Tab after `:simulate`: completes a file path. Listing a folder is I/O, so the reducer asks for it
/// (`ConsoleEffect.completePath`), the runner lists off the UI thread with `candidates`, and the answer
/// (`ConsoleAction.pathCompletions`) is applied only if the line still reads as it did.
public enum PathCompletion {
    /// A folder entry: its name and whether it is a folder.
    public typealias Entry = (name: String, isFolder: Bool)

    /// The command-line commands whose argument is a path.
    static let commands: Set<String> = ["simulate"]

    /// The partial path to complete when `text` is such a command and its argument, else nil.
    static func partial(_ text: String) -> String? {
        guard let space = text.firstIndex(of: " "), commands.contains(text[..<space].lowercased()) else { return nil }
        let argument = text[text.index(after: space)...]
        return argument.contains(" ") ? nil : String(argument)
    }

    /// Paths that complete `partial`: entries of its folder (relative to `directory`) starting with its
    /// last part, folders with a trailing slash. Hidden entries only when the part starts with a dot.
    public static func candidates(_ partial: String, in directory: String, list: (String) -> [Entry] = PathCompletion.list) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folderPart = slash.map { String(partial[...$0]) } ?? ""
        let stem = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        // No `~`: `:simulate` opens the path as written, so completion lists what it would open.
        let folder = folderPart.hasPrefix("/") ? folderPart : (directory as NSString).appendingPathComponent(folderPart)
        return list(folder.isEmpty ? "." : folder)
            .filter { $0.name.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { folderPart + $0.name + ($0.isFolder ? "/" : "") }
            .sorted()
    }

    /// The folder's entries; an unreadable folder has none.
    public static func list(_ folder: String) -> [Entry] {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder) else { return [] }
        return names.map { name in
            var isFolder: ObjCBool = false
            _ = files.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            return (name, isFolder.boolValue)
        }
    }

    /// A candidate as the list under the line shows it: its last part (`drafts/`, `q3.yaml`).
    static func shown(_ path: String) -> String {
        let folder = path.hasSuffix("/")
        let name = ((folder ? String(path.dropLast()) : path) as NSString).lastPathComponent
        return name + (folder ? "/" : "")
    }

    /// Applies the runner's answer to the command line, if it still reads `command partial`.
    static func apply(_ state: inout ConsoleState, partial: String, candidates: [String]) {
        guard case .command(var line) = state.modal, let current = PathCompletion.partial(line.input.text), current == partial,
              let space = line.input.text.firstIndex(of: " ") else { return }
        let head = String(line.input.text[...space])
        line.completions = candidates.map(shown)
        if candidates.count == 1 {
            // A folder waits for more; a file is done.
            line.input.set(head + candidates[0] + (candidates[0].hasSuffix("/") ? "" : " "))
            line.completions = []
        } else if !candidates.isEmpty {
            line.input.set(head + CommandLineRunner.commonPrefix(candidates))
        } else {
            Reducer.say(&state, "no file matches \(partial.isEmpty ? "here" : partial)", .info)
        }
        state.modal = .command(line)
    }
}
