// The demo behind `bash scripts/demo.sh`: a blog's users table in blog.db, written and read back.
#include <retort/version.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void die(sqlite3* db, const char* what) {
    std::fprintf(stderr, "demo: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
    std::exit(1);
}

void exec(sqlite3* db, const char* sql) {
    std::printf("  %s\n", sql);
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) die(db, sql);
}

struct user {
    std::string username;
    std::string email;
};

}  // namespace

int main() {
    std::printf("retort %.*s demo (SQLite %s)\n", static_cast<int>(retort::version.size()),
                retort::version.data(), sqlite3_libversion());

    sqlite3* db = nullptr;
    if (sqlite3_open("blog.db", &db) != SQLITE_OK) die(db, "open blog.db");
    std::printf("opened blog.db\n");

    // Start from an empty table so the demo prints the same thing every run.
    exec(db, "DROP TABLE IF EXISTS users");
    exec(db,
         "CREATE TABLE users (id INTEGER PRIMARY KEY, username VARCHAR(50) NOT NULL UNIQUE, "
         "email VARCHAR(120) NOT NULL UNIQUE)");

    const user users[] = {{"alice", "alice@example.com"}, {"bob", "bob@example.com"}};
    sqlite3_stmt* insert = nullptr;
    const char* insert_sql = "INSERT INTO users (username, email) VALUES (?, ?) RETURNING id";
    if (sqlite3_prepare_v2(db, insert_sql, -1, &insert, nullptr) != SQLITE_OK) die(db, insert_sql);
    for (const user& u : users) {
        sqlite3_bind_text(insert, 1, u.username.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, u.email.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_ROW) die(db, insert_sql);
        std::printf("  %s  -- ('%s', '%s') -> id %lld\n", insert_sql, u.username.c_str(),
                    u.email.c_str(), static_cast<long long>(sqlite3_column_int64(insert, 0)));
        sqlite3_step(insert);  // finish the statement before reuse
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);

    sqlite3_stmt* select = nullptr;
    const char* select_sql = "SELECT id, username, email FROM users ORDER BY id";
    if (sqlite3_prepare_v2(db, select_sql, -1, &select, nullptr) != SQLITE_OK) die(db, select_sql);
    std::printf("  %s\n", select_sql);
    int rows = 0;
    while (sqlite3_step(select) == SQLITE_ROW) {
        std::printf("    id=%lld username=%s email=%s\n",
                    static_cast<long long>(sqlite3_column_int64(select, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(select, 1)),
                    reinterpret_cast<const char*>(sqlite3_column_text(select, 2)));
        ++rows;
    }
    sqlite3_finalize(select);
    sqlite3_close(db);

    std::printf("read back %d users from blog.db\n", rows);
    return rows == 2 ? 0 : 1;
}
