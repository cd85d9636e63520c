// SQLite's own cost of Handoff's schema: the rows a routed import writes per lead (its row with a
// decision of the given size and its received, checked and assigned-or-flagged events), inserted
// through SQLite's C API with nothing else running, in one transaction as `import --route` does, and
// like it a run of leads' rows a statement and their events in another (LEADS_AN_INSERT, 1 for a
// statement a row). What Handoff spends beyond these figures is its own.
//
// Usage: StoreCeiling DB LEADS DECISION_BYTES [EVENTS_PER_LEAD=3] [LEADS_AN_INSERT=50]
// DB must hold Handoff's schema and no leads (an empty `handoff import` makes one).
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(sqlite3 *db, int code, const char *what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

// "INSERT INTO ... VALUES" followed by `rows` groups of `columns` parameters.
static sqlite3_stmt *prepareRows(sqlite3 *db, const char *head, int columns, int rows) {
    size_t size = strlen(head) + (size_t)rows * (columns * 2 + 3) + 1;
    char *sql = malloc(size), *p = sql;
    p += sprintf(p, "%s", head);
    for (int r = 0; r < rows; r++) {
        *p++ = r ? ',' : ' ';
        *p++ = '(';
        for (int c = 0; c < columns; c++) { if (c) *p++ = ','; *p++ = '?'; }
        *p++ = ')';
    }
    *p = 0;
    sqlite3_stmt *statement;
    check(db, sqlite3_prepare_v2(db, sql, -1, &statement, 0), "prepare");
    free(sql);
    return statement;
}

static const char *leadInsert =
    "INSERT INTO leads (id, idem_key, external_id, received_at, source, email, first_name, last_name, title, company, "
    "website, phone, country, region, postal_code, timezone, employees, annual_revenue, industry, score, attributes, "
    "email_key, country_code, state, owner, reason, route, pool, version, rulebook, decision, updated_at) VALUES";
static const char *eventInsert =
    "INSERT INTO events (lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, "
    "from_state, to_state) VALUES";

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s DB LEADS DECISION_BYTES [EVENTS_PER_LEAD=3] [LEADS_AN_INSERT=50]\n", argv[0]);
        return 64;
    }
    int leads = atoi(argv[2]), decisionBytes = atoi(argv[3]), events = argc > 4 ? atoi(argv[4]) : 3;
    int run = argc > 5 ? atoi(argv[5]) : 50;
    if (decisionBytes < 2 || decisionBytes > 65536 || events < 1 || events > 3 || run < 1 || run > 200) {
        fprintf(stderr, "DECISION_BYTES must be 2..65536, EVENTS_PER_LEAD 1..3 and LEADS_AN_INSERT 1..200\n");
        return 64;
    }
    sqlite3 *db;
    check(db, sqlite3_open(argv[1], &db), "open");
    // As the store opens its connections.
    check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", 0, 0, 0), "pragmas");

    sqlite3_stmt *lead = prepareRows(db, leadInsert, 32, run), *event = prepareRows(db, eventInsert, 12, run * events);
    sqlite3_stmt *lastLead = 0, *lastEvent = 0;

    char *decision = malloc(decisionBytes + 1);
    memset(decision, 'x', decisionBytes);
    decision[0] = '{';
    decision[decisionBytes - 1] = '}';
    decision[decisionBytes] = 0;
    static const char *countries[] = {"DE", "FR", "GB", "US", "CA", "NL"};
    static const char *owners[] = {"ana", "ben", "chloe", "dan", "eve"};
    const double at = 1795530600.0;
    char id[32], key[48], email[64], first[24], last[24], company[48], website[48], phone[24], employees[16];

    double start = seconds();
    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0), "begin");
    for (int i = 0; i < leads; i++) {
        // The last run may be shorter, with statements of its own.
        int k = i % run;
        if (k == 0 && leads - i < run) {
            lastLead = prepareRows(db, leadInsert, 32, leads - i);
            lastEvent = prepareRows(db, eventInsert, 12, (leads - i) * events);
        }
        sqlite3_stmt *leadRows = lastLead ? lastLead : lead, *eventRows = lastEvent ? lastEvent : event;
        int runEnds = k == run - 1 || i == leads - 1;
        // About one in four assigned, the rest flagged, as the 1M-lead benchmark ends up.
        int assigned = i % 4 == 0;
        const char *owner = owners[i % 5];
        snprintf(id, sizeof id, "L-%07d", i + 1);
        snprintf(key, sizeof key, "id:crm-%d", i + 1);
        snprintf(email, sizeof email, "person%d@company%d.example", i, i % 40000);
        snprintf(first, sizeof first, "First%d", i % 997);
        snprintf(last, sizeof last, "Last%d", i % 4999);
        snprintf(company, sizeof company, "Company %d GmbH", i % 40000);
        snprintf(website, sizeof website, "https://company%d.example", i % 40000);
        snprintf(phone, sizeof phone, "+49 30 %07d", i);
        snprintf(employees, sizeof employees, "%d", 10 + (i * 37) % 9000);
        int c = 1 + k * 32;
        sqlite3_bind_text(leadRows, c++, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, key + 3, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(leadRows, c++, at);
        sqlite3_bind_text(leadRows, c++, "hubspot", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, first, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, last, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, "Head of Operations", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, company, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, website, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, phone, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, countries[i % 6], -1, SQLITE_STATIC);
        sqlite3_bind_null(leadRows, c++);
        sqlite3_bind_text(leadRows, c++, "10115", -1, SQLITE_STATIC);
        sqlite3_bind_null(leadRows, c++);
        sqlite3_bind_text(leadRows, c++, employees, -1, SQLITE_TRANSIENT);
        sqlite3_bind_null(leadRows, c++);
        sqlite3_bind_text(leadRows, c++, "Software", -1, SQLITE_STATIC);
        sqlite3_bind_null(leadRows, c++);
        sqlite3_bind_null(leadRows, c++);
        sqlite3_bind_text(leadRows, c++, email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(leadRows, c++, countries[i % 6], -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, assigned ? "assigned" : "flagged", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, owner, -1, SQLITE_STATIC);
        if (assigned) sqlite3_bind_null(leadRows, c++); else sqlite3_bind_text(leadRows, c++, "over_capacity", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, "enterprise-emea", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, "emea-enterprise", -1, SQLITE_STATIC);
        sqlite3_bind_int(leadRows, c++, 3);
        sqlite3_bind_text(leadRows, c++, "e4f16683c00a", -1, SQLITE_STATIC);
        sqlite3_bind_text(leadRows, c++, decision, decisionBytes, SQLITE_STATIC);
        sqlite3_bind_double(leadRows, c++, at);
        if (runEnds) {
            check(db, sqlite3_step(leadRows), "insert leads");
            sqlite3_reset(leadRows);
        }

        static const char *kinds[] = {"received", "checked", NULL};
        static const char *from[] = {NULL, "received", "ready"};
        static const char *to[] = {"received", "ready", NULL};
        for (int e = 0; e < events; e++) {
            int o = (k * events + e) * 12;
            const char *kind = kinds[e] ? kinds[e] : (assigned ? "assigned" : "flagged");
            sqlite3_bind_int(eventRows, o + 1, i + 1);
            sqlite3_bind_text(eventRows, o + 2, kind, -1, SQLITE_STATIC);
            sqlite3_bind_double(eventRows, o + 3, at);
            sqlite3_bind_text(eventRows, o + 4, e == 0 ? "import" : "router", -1, SQLITE_STATIC);
            sqlite3_bind_int(eventRows, o + 5, e + 1);
            if (e == 0) sqlite3_bind_null(eventRows, o + 6); else sqlite3_bind_text(eventRows, o + 6, "e4f16683c00a", -1, SQLITE_STATIC);
            if (e == 2) sqlite3_bind_text(eventRows, o + 7, assigned ? "route enterprise-emea" : "over_capacity", -1, SQLITE_STATIC);
            else sqlite3_bind_null(eventRows, o + 7);
            if (e == 2) sqlite3_bind_text(eventRows, o + 8, owner, -1, SQLITE_STATIC); else sqlite3_bind_null(eventRows, o + 8);
            sqlite3_bind_null(eventRows, o + 9);
            if (e == 2 && !assigned) sqlite3_bind_text(eventRows, o + 10, "over_capacity: every owner in emea-enterprise is at capacity", -1, SQLITE_STATIC);
            else sqlite3_bind_null(eventRows, o + 10);
            if (from[e]) sqlite3_bind_text(eventRows, o + 11, from[e], -1, SQLITE_STATIC); else sqlite3_bind_null(eventRows, o + 11);
            const char *state = to[e] ? to[e] : (assigned ? "assigned" : "flagged");
            sqlite3_bind_text(eventRows, o + 12, state, -1, SQLITE_STATIC);
        }
        if (runEnds) {
            check(db, sqlite3_step(eventRows), "insert events");
            sqlite3_reset(eventRows);
        }
    }
    double body = seconds();
    check(db, sqlite3_exec(db, "COMMIT", 0, 0, 0), "commit");
    double end = seconds();
    printf("%d leads, %d-byte decisions, %d events each, %d leads an INSERT: %.2f s (inserts %.2f s, commit and checkpoint %.2f s), %.0f leads/s\n",
           leads, decisionBytes, events, run, end - start, body - start, end - body, leads / (end - start));
    sqlite3_finalize(lead);
    sqlite3_finalize(event);
    sqlite3_finalize(lastLead);
    sqlite3_finalize(lastEvent);
    sqlite3_close(db);
    free(decision);
    return 0;
}
