import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct AccountRecordParserTests {
    static func run(_ text: String) throws -> (accounts: [Account], quarantined: [QuarantinedInput]) {
        var accounts = try AccountImport(MemoryByteSource(text, name: "accounts.csv"))
        var out: ([Account], [QuarantinedInput]) = ([], [])
        while let result = try accounts.next() {
            switch result {
            case .accepted(let account): out.0.append(account)
            case .quarantined(let record): out.1.append(record)
            }
        }
        return out
    }

    @Test func handoffColumns() throws {
        let result = try Self.run("domain,name,owner\nacme.com,Acme,ana\nhttps://www.Globex.io/about,Globex,\n")
        #expect(result.accounts == [Account(domain: "acme.com", name: "Acme", owner: "ana"), Account(domain: "globex.io", name: "Globex")])
        #expect(result.quarantined.isEmpty)
    }

    @Test func hubSpotCompanies() throws {
        let text = """
            Record ID,Company Name,Company Domain Name,Website URL,Company owner,Industry
            11,Acme GmbH,acme.de,https://acme.de,Ana Souza,Software
            12,Initech,,https://www.initech.fr/,,
            13,Umbrella,,,Ben Ode,
            14,Hooli,not a domain,,,
            15,,pied.com,,,

            """
        let result = try Self.run(text)
        #expect(result.accounts == [
            Account(domain: "acme.de", name: "Acme GmbH", owner: "Ana Souza"),
            // No domain name: the website is next in line.
            Account(domain: "initech.fr", name: "Initech"),
            // No name: the domain stands in.
            Account(domain: "pied.com", name: "pied.com"),
        ])
        #expect(result.quarantined.map(\.spot) == ["4:13", "5:10"])
        #expect(result.quarantined[0].reason == .missingValue(column: "Company Domain Name", field: "domain"))
        #expect(result.quarantined[0].message == "no domain: 'Company Domain Name' is empty")
        #expect(result.quarantined[1].reason == .notADomain(column: "Company Domain Name", value: "not a domain"))
    }

    @Test func salesforceAccounts() throws {
        let text = "\"Account Name\",\"Website\",\"Account Owner\"\n\"Muster AG\",\"www.muster.de\",\"Sam Seller\"\n\"Short\"\n"
        let result = try Self.run(text)
        #expect(result.accounts == [Account(domain: "muster.de", name: "Muster AG", owner: "Sam Seller")])
        #expect(result.quarantined.map(\.reason) == [.columnCount(expected: 3, found: 1)])
        #expect(result.quarantined[0].spot == "3:8")
    }

    @Test func noDomainColumnIsAnError() {
        #expect(throws: IntakeError(file: "accounts.csv", line: 1, column: 1,
                                    message: "no domain column; name one domain, website, Website URL or Company Domain Name")) {
            try Self.run("name,owner\nAcme,ana\n")
        }
    }
}
