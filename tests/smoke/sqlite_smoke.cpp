// Checks that the SQLite C library works here: a file database, a table, bound parameters.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

/** A fresh folder under the system temp dir, removed with everything in it at scope exit. */
class temp_dir {
public:
    temp_dir() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("retort-sqlite-smoke-" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/** Runs SQL that returns no rows, failing the test with SQLite's message if it errors. */
void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "?");
    sqlite3_free(error);
}

TEST(sqlite_smoke, file_database_round_trip_with_bound_parameters) {
    temp_dir dir;
    const fs::path file = dir.path() / "smoke.db";

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              nullptr),
              SQLITE_OK);
    std::cout << "[retort-sqlite] SQLite " << sqlite3_libversion() << " at " << file << '\n';

    exec(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL)");

    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO users (id, username) VALUES (?, ?)", -1,
                                 &insert, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    ASSERT_EQ(sqlite3_bind_int64(insert, 1, 42), SQLITE_OK);
    ASSERT_EQ(sqlite3_bind_text(insert, 2, "alice", -1, SQLITE_TRANSIENT), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(insert), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(insert);

    sqlite3_stmt* select = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT username FROM users WHERE id = ?", -1, &select,
                                 nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    ASSERT_EQ(sqlite3_bind_int64(select, 1, std::int64_t{42}), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(select), SQLITE_ROW) << sqlite3_errmsg(db);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, 0));
    EXPECT_EQ(std::string(text ? text : ""), "alice");
    EXPECT_EQ(sqlite3_step(select), SQLITE_DONE);
    sqlite3_finalize(select);

    EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
    EXPECT_TRUE(fs::exists(file)) << "the database must be a real file";
}

}  // namespace
