/// CRM exports as people download them, with the broken rows real files have. Line numbers in the
/// comments are the physical lines of the file.
enum CRMExports {
    /// HubSpot contacts, property labels: BOM, CRLF line endings, a quoted line break, a blank line.
    static var hubSpotLabels: [UInt8] {
        let lines = [
            // 1
            "Record ID,First Name,Last Name,Email,Company Name,Job Title,Phone Number,Country/Region,State/Region,Postal Code,Number of Employees,Annual Revenue,Industry,Website URL,Create Date,Original Source,Lead Status,HubSpot Score",
            // 2
            "501,Ana,Souza,ana@acme.com,Acme GmbH,VP Sales,+49 30 1234,Germany,Berlin,10115,\"1,200\",$4.5M,Software,https://www.acme.com,2026-11-24 14:03,Organic Search,New,42",
            // 3-4: doubled quotes, and a comma and a line break inside quotes.
            "502,Ben,O'Neil,ben@globex.io,\"Globex \"\"Labs\"\"\",\"Head of Ops,",
            "EMEA\",,United States,CA,94105,1.2k,,Manufacturing,globex.io,11/24/2026 2:03 PM,Paid Search,Open,",
            // 5
            "",
            // 6: "lots" employees.
            "503,Chloe,Martin,chloe@initech.fr,Initech,CTO,,France,,75001,lots,,,initech.fr,2026-11-25 09:00,Referrals,New,10",
            // 7: too few columns.
            "504,Dan,Lee,dan@umbrella.com,Umbrella",
            // 8: Latin-1 "ü" (0xFC) in the last name, written below.
            "505,Eve,M\u{1}ller,eve@hooli.com,Hooli,,,Germany,,,12,,,hooli.com,,Offline Sources,,",
            // 9: a date no one can read.
            "506,Fay,Wong,fay@pied.com,Pied Piper,,,Canada,ON,,50,,,,yesterday,,,",
        ]
        let text = lines.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8).map { $0 == 0x01 ? 0xFC : $0 }
    }

    /// HubSpot contacts, internal property names.
    static let hubSpotInternal = #"""
        hs_object_id,email,firstname,lastname,company,jobtitle,phone,country,state,zip,numemployees,annualrevenue,industry,website,createdate,hs_analytics_source,hs_lead_status,hubspotscore,hs_persona
        901,kim@stark.com,Kim,Park,Stark Industries,Engineer,,US,NY,10001,5000,2000000000,Defense,stark.com,2026-11-24T14:03:00.000Z,DIRECT_TRAFFIC,NEW,77,persona_1
        902,lou@wayne.com,Lou,Fox,Wayne Corp,,,,,,,,,,1795010580000,ORGANIC_SEARCH,,,
        ,,,,,,,,,,,,,,,,,,
        903,max@acme.com,Max,Ray,Acme,,,,,,,,,,,,,high,

        """#

    /// Salesforce leads, API names, every value quoted (Data Loader).
    static let salesforceAPI = #"""
        "Id","FirstName","LastName","Company","Email","Title","Phone","Country","State","PostalCode","NumberOfEmployees","AnnualRevenue","Industry","Website","LeadSource","CreatedDate","Rating","OwnerId"
        "00Q5e00000AbcDEAS","Lena","Fischer","Muster AG","lena@muster.de","CFO","","DE","BY","80331","250","12000000","Finance","www.muster.de","Web","2026-11-24T14:03:00.000+0000","Hot","0055e000000XyZ1"
        "00Q5e00000AbcEEAS","Raj","Patel","Wayne ""Enterprises""","raj@wayne.com","","","","","","","","","","","2026-11-24T09:03:00.000-0500","",""
        "00Q5e00000AbcFEAS","Sam","Cole","Cole & Co","sam@cole.co","","","US","","","ten","","","","","","Warm",""
        "00Q5e00000AbcGEAS","Ida","Berg","Berg AB","ida@berg.se","","","SE","","","","","","","","2026-13-01T00:00:00.000Z","",""

        """#

    /// A Salesforce lead report exported as CSV, with the footer such exports end with.
    static let salesforceReport = #"""
        "Lead ID","First Name","Last Name","Company / Account","Email","Title","Phone","Country","State/Province","Zip/Postal Code","No. of Employees","Annual Revenue","Industry","Website","Lead Source","Create Date","Lead Owner"
        "00Q5e00000XyZ1","Mia","Rossi","Rossi Srl","mia@rossi.it","CEO","+39 02 1234","Italy","MI","20121","35","USD 3,000,000","Retail","rossi.it","Trade Show","11/24/2026","Sam Seller"
        "00Q5e00000XyZ2","Noah","Klein","Klein GmbH","noah@klein.de","CTO","","Germany","","","1.2k","","","klein.de","Web","11/24/2026 2:03 PM","Sam Seller"

        "Confidential Information - Do Not Distribute"
        "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."

        """#
}
