import HandoffCore

/// Turns an accounts CSV (Handoff's own columns, or a HubSpot or Salesforce company/account export)
/// into `Account` values, quarantining rows the way lead rows are.
///
/// The domain comes from the first non-empty of: domain, Company Domain Name, website, Website URL
/// (reduced to the bare domain: "https://www.Acme.com/x" -> "acme.com"); a row without one, or with a
/// value that holds no domain, is quarantined. The name comes from name / company / Company Name /
/// Account Name, and falls back to the domain when empty. The owner (owner, Account Owner, Company
/// owner, owner id) is optional.
public struct AccountRecordParser: Sendable {
    public let file: String
    public let headers: [String]
    /// Columns that may hold the domain, most specific first.
    public let domainColumns: [Int]
    public let nameColumn: Int?
    public let ownerColumn: Int?

    static let domainKeys = ["domain", "companydomainname", "companydomain", "domainname", "websitedomain", "website", "websiteurl"]
    static let nameKeys = ["name", "accountname", "companyname", "company", "account"]
    static let ownerKeys = ["owner", "ownerid", "accountowner", "accountownerid", "companyowner", "hubspotownerid", "owneremail"]

    /// Throws when no column can hold the domain.
    public init(headers: [String], file: String) throws(IntakeError) {
        self.headers = headers
        self.file = file
        let keys = headers.map { HeaderKey.loose(HeaderKey.trimmed($0)) }
        func columns(_ wanted: [String]) -> [Int] {
            wanted.flatMap { key in keys.indices.filter { keys[$0] == key } }
        }
        domainColumns = columns(Self.domainKeys)
        nameColumn = columns(Self.nameKeys).first
        ownerColumn = columns(Self.ownerKeys).first
        guard !domainColumns.isEmpty else {
            throw IntakeError(file: file, line: 1, column: 1,
                              message: "no domain column; name one domain, website, Website URL or Company Domain Name")
        }
    }

    public func parse(_ record: CSVRecord) -> IntakeResult<Account> {
        if let problem = record.structuralProblem(file: file, headers: headers) { return .quarantined(problem) }
        func value(_ index: Int?) -> String? { index.flatMap { Normalizer.text(record.string(at: $0)) } }
        guard let column = domainColumns.first(where: { value($0) != nil }), let text = value(column) else {
            let first = domainColumns[0]
            return .quarantined(record.quarantine(file, at: record.position(ofField: first), field: name(first),
                                                  .missingValue(column: name(first), field: "domain")))
        }
        guard let domain = Normalizer.domain(text) else {
            return .quarantined(record.quarantine(file, at: record.position(ofField: column), field: name(column),
                                                  .notADomain(column: name(column), value: text)))
        }
        return .accepted(Account(domain: domain, name: value(nameColumn) ?? domain, owner: value(ownerColumn)))
    }

    private func name(_ index: Int) -> String { HeaderKey.trimmed(headers[index]) }
}
