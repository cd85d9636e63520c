import Foundation
import Yams

/// Reads a rulebook from YAML text: every error in the file at once, plus lint warnings when it is valid.
public enum RulebookLoader {
    /// Monday 2026-01-05 00:00 UTC: a fixed winter week, so results do not depend on when they are computed.
    public static let defaultLintWeek = ZoneClock.utc.instant(of: LocalTime(year: 2026, month: 1, day: 5))

    /// Pure: text in, result out.
    /// - Parameters:
    ///   - file: the name used in diagnostics.
    ///   - lintWeekStarting: an instant in the week whose real zone offsets the coverage lint uses
    ///     (callers pass "now"); the lint reads the whole week from Monday 00:00 on the rulebook's clock.
    public static func load(yaml: String, file: String, lintWeekStarting: Date? = nil) -> RulebookLoad {
        var duplicates = DuplicateKeys()
        let root: Node
        do {
            guard let node = try duplicates.compose(yaml) else {
                return failure(file, "the file is empty; a rulebook needs at least 'version: 1' and a 'name'", .start)
            }
            if let over = YAMLBudget.check(node) {
                return failure(file, over.message, Spot(line: over.line, column: over.column))
            }
            root = node
        } catch let error as YamlError {
            let (message, spot) = describe(error, yaml)
            return failure(file, message, spot)
        } catch {
            return failure(file, "cannot read the file as YAML: \(error)", .start)
        }
        var reader = RulebookReader(file: file, duplicates: duplicates)
        guard var rulebook = reader.readRulebook(root) else {
            return RulebookLoad(rulebook: nil, diagnostics: reader.log.sorted)
        }
        rulebook.version = RulebookVersion.of(root)
        var log = reader.log
        RulebookLint.check(rulebook, spots: reader.spots, weekStarting: lintWeekStarting ?? defaultLintWeek, log: &log)
        return RulebookLoad(rulebook: rulebook, diagnostics: log.sorted)
    }

    private static func failure(_ file: String, _ message: String, _ spot: Spot) -> RulebookLoad {
        var log = DiagnosticLog(file: file)
        log.error(message, at: spot)
        return RulebookLoad(rulebook: nil, diagnostics: log.items)
    }

    /// The parser's own words and position; Yams marks are 1-based.
    static func describe(_ error: YamlError, _ yaml: String) -> (String, Spot) {
        func spot(_ mark: Mark) -> Spot { Spot(line: max(1, mark.line), column: max(1, mark.column)) }
        func context(_ c: YamlError.Context?) -> String {
            guard let c else { return "" }
            return " (\(c.text) on line \(c.mark.line))"
        }
        switch error {
        case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _), .composer(let c, let problem, let mark, _):
            return ("invalid YAML: \(problem)\(context(c))", spot(mark))
        case .reader(let problem, let offset, _, _):
            return ("cannot read the text: \(problem)", offset.map { spotOf(characterOffset: $0, in: yaml) } ?? .start)
        case .duplicatedKeysInMapping(let names, let c):
            return ("duplicate key '\(names.first ?? "")'; each key may appear once in a mapping", spot(c.mark))
        default:
            return ("invalid YAML: \(error)", .start)
        }
    }

    private static func spotOf(characterOffset: Int, in text: String) -> Spot {
        var line = 1, column = 1
        for ch in text.prefix(characterOffset) {
            if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Spot(line: line, column: column)
    }
}
