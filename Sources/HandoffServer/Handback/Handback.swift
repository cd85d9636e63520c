import Foundation
import HandoffCore
#if canImport(Glibc)
import Glibc
#endif

/// The handback configuration in force, with its secrets read: what `handoff serve` delivers, where, and
/// with which credentials. Loaded once at start; bad configuration refuses the start.
public struct Handback: Sendable {
    public var config: HandbackConfig
    /// The file it came from, as given.
    public var file: String
    /// Each target's signing secret or bearer token. Never logged, never printed.
    let secrets: [String: String]
    /// For each target, where its secret comes from, as a person would fix it (`HANDOFF_HUBSPOT_ACCESS_TOKEN (handback.yaml:12)`).
    let fixes: [String: String]

    public var targets: [String] { config.targets }

    /// Webhook secrets shorter than this are refused: a short key makes a signature easy to forge.
    public static let minimumSecretLength = 16

    /// Reads `path`, checks it and reads every secret it names; every problem at once, each with the
    /// file, line and column and what to do.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HandbackRefusal) -> Handback {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw HandbackRefusal(lines: ["\(path): cannot read the handback configuration: \(error.localizedDescription)"])
        }
        let config: HandbackConfig
        switch HandbackConfigLoader.load(yaml: text, file: path) {
        case .success(let loaded): config = loaded
        case .failure(let problems): throw HandbackRefusal(lines: problems.diagnostics.map(\.description))
        }
        let directory = (path as NSString).deletingLastPathComponent
        var secrets: [String: String] = [:], fixes: [String: String] = [:], problems: [String] = []
        let sources = config.webhooks.map { ($0.target, $0.secret, true) } + config.crms.map { ($0.target, $0.token, false) }
        for (target, source, signing) in sources {
            switch read(source, directory: directory, environment: environment) {
            case .success(let secret):
                if signing && secret.count < minimumSecretLength {
                    problems.append("\(path):\(place(source)): error: the secret of \(target) is shorter than \(minimumSecretLength) characters; `openssl rand -hex 32` makes a good one")
                }
                secrets[target] = secret
            case .failure(let why):
                problems.append("\(path):\(place(source)): error: \(why.message)")
            }
            fixes[target] = "\(name(source)) (\(path):\(place(source).line))"
        }
        guard problems.isEmpty else { throw HandbackRefusal(lines: problems) }
        return Handback(config: config, file: path, secrets: secrets, fixes: fixes)
    }

    private static func place(_ source: HandbackConfig.SecretSource) -> HandbackConfig.Place {
        switch source {
        case .environment(_, let place), .file(_, let place): place
        }
    }

    private static func name(_ source: HandbackConfig.SecretSource) -> String {
        switch source {
        case .environment(let name, _): name
        case .file(let path, _): path
        }
    }

    private static func read(_ source: HandbackConfig.SecretSource, directory: String, environment: [String: String]) -> Result<String, SecretProblem> {
        switch source {
        case .environment(let name, _):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return .failure(SecretProblem("\(name) is not set; export it before starting serve, or name a file with the secret instead"))
            }
            return .success(value)
        case .file(let given, _):
            let path = given.hasPrefix("/") ? given : (directory as NSString).appendingPathComponent(given)
            var status = stat()
            guard stat(path, &status) == 0 else {
                return .failure(SecretProblem("cannot read the secret file \(path): \(String(cString: strerror(errno)))"))
            }
            let mode = status.st_mode & 0o777
            if mode & 0o077 != 0 {
                return .failure(SecretProblem("the secret file \(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`"))
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failure(SecretProblem("cannot read the secret file \(path) as text"))
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, !value.contains(where: \.isNewline) else {
                return .failure(SecretProblem("the secret file \(path) must hold the secret alone, on one line"))
            }
            return .success(value)
        }
    }

    private struct SecretProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}


/// Why serve will not start with this handback configuration: one line per problem, `file:line:column: error: ...`.
public struct HandbackRefusal: Error, Sendable, CustomStringConvertible {
    public var lines: [String]
    public var description: String { lines.joined(separator: "\n") }
}
