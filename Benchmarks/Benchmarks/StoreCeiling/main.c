// SQLite's own cost of Handoff's schema: the rows a routed import writes per lead (its row with a
// decision of the given size and its received, checked and assigned-or-flagged events), inserted
// through SQLite's C API with nothing else running, in one transaction as `import --route` does.
// What Handoff spends beyond these figures is its own.
//
// Usage: StoreCeiling DB LEADS DECISION_BYTES [EVENTS_PER_LEAD=3]
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

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s DB LEADS DECISION_BYTES [EVENTS_PER_LEAD=3]\n", argv[0]);
        return 64;
    }
    int leads = atoi(argv[2]), decisionBytes = atoi(argv[3]), events = argc > 4 ? atoi(argv[4]) : 3;
    if (decisionBytes < 2 || decisionBytes > 65536 || events < 1 || events > 3) {
        fprintf(stderr, "DECISION_BYTES must be 2..65536 and EVENTS_PER_LEAD 1..3\n");
        return 64;
    }
    sqlite3 *db;
    check(db, sqlite3_open(argv[1], &db), "open");
    // As the store opens its connections.
    check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", 0, 0, 0), "pragmas");

    sqlite3_stmt *lead, *event;
    check(db, sqlite3_prepare_v2(db,
        "INSERT INTO leads (id, idem_key, external_id, received_at, source, email, first_name, last_name, title, company, "
        "website, phone, country, region, postal_code, timezone, employees, annual_revenue, industry, score, attributes, "
        "email_key, country_code, state, owner, reason, route, pool, version, rulebook, decision, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &lead, 0), "prepare leads");
    check(db, sqlite3_prepare_v2(db,
        "INSERT INTO events (lead_id, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, "
        "from_state, to_state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", -1, &event, 0), "prepare events");

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
        int c = 1;
        sqlite3_bind_text(lead, c++, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, key + 3, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(lead, c++, at);
        sqlite3_bind_text(lead, c++, "hubspot", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, first, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, last, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, "Head of Operations", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, company, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, website, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, phone, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, countries[i % 6], -1, SQLITE_STATIC);
        sqlite3_bind_null(lead, c++);
        sqlite3_bind_text(lead, c++, "10115", -1, SQLITE_STATIC);
        sqlite3_bind_null(lead, c++);
        sqlite3_bind_text(lead, c++, employees, -1, SQLITE_TRANSIENT);
        sqlite3_bind_null(lead, c++);
        sqlite3_bind_text(lead, c++, "Software", -1, SQLITE_STATIC);
        sqlite3_bind_null(lead, c++);
        sqlite3_bind_null(lead, c++);
        sqlite3_bind_text(lead, c++, email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lead, c++, countries[i % 6], -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, assigned ? "assigned" : "flagged", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, owner, -1, SQLITE_STATIC);
        if (assigned) sqlite3_bind_null(lead, c++); else sqlite3_bind_text(lead, c++, "over_capacity", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, "enterprise-emea", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, "emea-enterprise", -1, SQLITE_STATIC);
        sqlite3_bind_int(lead, c++, 3);
        sqlite3_bind_text(lead, c++, "e4f16683c00a", -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, c++, decision, decisionBytes, SQLITE_STATIC);
        sqlite3_bind_double(lead, c++, at);
        check(db, sqlite3_step(lead), "insert lead");
        sqlite3_reset(lead);

        static const char *kinds[] = {"received", "checked", NULL};
        static const char *from[] = {NULL, "received", "ready"};
        static const char *to[] = {"received", "ready", NULL};
        for (int e = 0; e < events; e++) {
            const char *kind = kinds[e] ? kinds[e] : (assigned ? "assigned" : "flagged");
            sqlite3_bind_text(event, 1, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(event, 2, kind, -1, SQLITE_STATIC);
            sqlite3_bind_double(event, 3, at);
            sqlite3_bind_text(event, 4, e == 0 ? "import" : "router", -1, SQLITE_STATIC);
            sqlite3_bind_int(event, 5, e + 1);
            if (e == 0) sqlite3_bind_null(event, 6); else sqlite3_bind_text(event, 6, "e4f16683c00a", -1, SQLITE_STATIC);
            if (e == 2) sqlite3_bind_text(event, 7, assigned ? "route enterprise-emea" : "over_capacity", -1, SQLITE_STATIC);
            else sqlite3_bind_null(event, 7);
            if (e == 2) sqlite3_bind_text(event, 8, owner, -1, SQLITE_STATIC); else sqlite3_bind_null(event, 8);
            sqlite3_bind_null(event, 9);
            if (e == 2 && !assigned) sqlite3_bind_text(event, 10, "over_capacity: every owner in emea-enterprise is at capacity", -1, SQLITE_STATIC);
            else sqlite3_bind_null(event, 10);
            if (from[e]) sqlite3_bind_text(event, 11, from[e], -1, SQLITE_STATIC); else sqlite3_bind_null(event, 11);
            const char *state = to[e] ? to[e] : (assigned ? "assigned" : "flagged");
            sqlite3_bind_text(event, 12, state, -1, SQLITE_STATIC);
            check(db, sqlite3_step(event), "insert event");
            sqlite3_reset(event);
        }
    }
    double body = seconds();
    check(db, sqlite3_exec(db, "COMMIT", 0, 0, 0), "commit");
    double end = seconds();
    printf("%d leads, %d-byte decisions, %d events each: %.2f s (inserts %.2f s, commit and checkpoint %.2f s), %.0f leads/s\n",
           leads, decisionBytes, events, end - start, body - start, end - body, leads / (end - start));
    sqlite3_finalize(lead);
    sqlite3_finalize(event);
    sqlite3_close(db);
    free(decision);
    return 0;
}
