import Foundation
import HandoffCore
import HandoffDemo

// Writes a HubSpot-style CSV export of synthetic leads (seeded), for import benchmarks.
// Usage: GenerateLeads COUNT FILE [SEED]
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, let count = Int(arguments[0]) else {
    FileHandle.standardError.write(Data("usage: GenerateLeads COUNT FILE [SEED]\n".utf8))
    exit(64)
}
let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 42 : 42
let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let start = ISO8601DateFormatter().date(from: "2026-11-23T00:00:00Z")!
let accounts = DemoAccounts.generate(seed: seed, ownerIds: rulebook.owners.map(\.id), count: 2_000)
var stream = LeadStream(seed: seed, accounts: accounts, start: start, spacing: 0.05)

FileManager.default.createFile(atPath: arguments[1], contents: nil)
let out = FileHandle(forWritingAtPath: arguments[1])!
func field(_ s: String?) -> String {
    guard let s else { return "" }
    if s.contains(",") || s.contains("\"") || s.contains("\n") { return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    return s
}
let iso = ISO8601DateFormatter()
var buffer = "Record ID,First Name,Last Name,Email,Company Name,Job Title,Country/Region,Number of Employees,Annual Revenue,Industry,Website URL,Original Source,Create Date\n"
for i in 0..<count {
    let l = stream.next()
    buffer += [l.externalId, l.firstName, l.lastName, l.email, l.company, l.title, l.country, l.employees, l.annualRevenue,
               l.industry, l.website, l.source, iso.string(from: l.receivedAt)].map(field).joined(separator: ",") + "\n"
    if i % 10_000 == 9_999 { out.write(Data(buffer.utf8)); buffer = "" }
}
out.write(Data(buffer.utf8))
try out.close()
