/// Word lists for realistic synthetic people and companies.
enum Vocabulary {
    static let firstNames = [
        "Anna", "Ben", "Carla", "David", "Elif", "Felix", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo",
        "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoé",
        "Amélie", "Björn", "Chiara", "Dmitri", "Łukasz", "Søren", "José", "Noémie", "Jürgen", "Aoife",
    ]
    static let lastNames = [
        "Müller", "Smith", "García", "Rossi", "Dubois", "Kowalski", "Nguyen", "Okafor", "Silva", "Jensen", "Tanaka",
        "Schmidt", "Johnson", "Martin", "Bernard", "Novak", "Larsen", "Kim", "Patel", "O'Brien", "van Dijk", "Weber",
        "Fischer", "Moreau", "Ferrari", "Andersson", "Costa", "Horvath", "Yilmaz", "Cohen", "Walsh", "Lindqvist",
    ]
    static let companyStems = [
        "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne",
        "Aperture", "Wonka", "Gringotts", "Oscorp", "Nakatomi", "Massive", "Virtucon", "Monarch", "Pied Piper",
        "Blue Sun", "Octan", "Zorg", "Rekall", "Dunder", "Prestige", "Sterling", "Gekko", "Bluth", "Krusty",
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum", "Fourth Coffee", "Wingtip",
    ]
    static let companySuffixes = ["GmbH", "Ltd", "Inc", "SA", "BV", "AG", "Group", "Systems", "Labs", "Logistics", "Health", "Energy"]
    static let industries = ["Software", "Manufacturing", "Retail", "Healthcare", "Financial Services", "Logistics", "Energy", "Education", "Media", "Telecom"]
    static let titles = ["VP Sales", "Head of Operations", "CTO", "Procurement Manager", "Founder", "Marketing Director", "IT Manager", "CFO", "Analyst", "Engineer"]
    static let sources = ["web form", "webinar", "trade show", "content download", "partner referral", "chat", "demo request"]
    static let freeMail = ["gmail.com", "yahoo.com", "outlook.com", "gmx.de", "hotmail.com"]

    /// Countries with the share of leads they send and a fitting top-level domain.
    static let countries: [(code: String, weight: Int, tld: String)] = [
        ("US", 30, "com"), ("DE", 12, "de"), ("GB", 10, "co.uk"), ("FR", 7, "fr"), ("CA", 5, "ca"), ("NL", 4, "nl"),
        ("ES", 4, "es"), ("IT", 4, "it"), ("BR", 4, "com.br"), ("SE", 2, "se"), ("PL", 2, "pl"), ("CH", 2, "ch"),
        ("AU", 3, "com.au"), ("SG", 2, "sg"), ("JP", 3, "jp"), ("IN", 3, "in"), ("MX", 2, "mx"), ("AT", 1, "at"),
    ]

    /// How a CRM might spell a country: mostly codes, sometimes names.
    static let countrySpellings: [String: [String]] = [
        "US": ["US", "USA", "United States"], "DE": ["DE", "Germany", "Deutschland"], "GB": ["GB", "UK", "United Kingdom"],
        "FR": ["FR", "France"], "CA": ["CA", "Canada"], "NL": ["NL", "Netherlands"], "ES": ["ES", "Spain"], "IT": ["IT", "Italy"],
        "BR": ["BR", "Brazil"], "JP": ["JP", "Japan"],
    ]
}
