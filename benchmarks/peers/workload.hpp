// The workloads W1-W7 shared by every C++ contender: schema, data, arguments and CSV output.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace bench::wl {

// The sizes of issue 8; every contender runs exactly these.
inline constexpr int w1_rows = 100'000;       // W1 insert, one statement per row, one transaction
inline constexpr int w2_lookups = 100'000;    // W2 select one row by primary key, random keys
inline constexpr int w3_rows = 100'000;       // W3 fetch every row into structs
inline constexpr int w4_users = 1'000;        // W4 users loaded with their posts ...
inline constexpr int w4_posts_per_user = 10;  // ... ten each
inline constexpr int w5_queries = 100'000;    // W5 filtered, ordered, limited, three parameters
inline constexpr int w6_objects = 100'000;    // W6 unit of work: add and commit
inline constexpr int w7_objects = 10'000;     // W7 change one field of loaded objects, commit

/** One user row as every contender writes it: row `i` (0-based) gets the key i + 1. */
struct user_row {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::int64_t age = 0;
    std::optional<std::string> bio;
};

struct post_row {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title;
    std::string body;
};

inline user_row make_user(int i) {
    user_row u;
    u.name = "user" + std::to_string(i);
    u.email = "user" + std::to_string(i) + "@example.com";
    u.age = 18 + i % 60;
    if (i % 2 == 0) u.bio = "writes about databases and C++, mostly at night";
    return u;
}

inline const std::vector<user_row>& users() {
    static const std::vector<user_row> all = [] {
        std::vector<user_row> out;
        out.reserve(w1_rows);
        for (int i = 0; i < w1_rows; ++i) out.push_back(make_user(i));
        return out;
    }();
    return all;
}

/** Posts of the first w4_users users (10,000 rows), written after W1 and before W2-W7. */
inline const std::vector<post_row>& posts() {
    static const std::vector<post_row> all = [] {
        std::vector<post_row> out;
        for (int u = 1; u <= w4_users; ++u) {
            for (int j = 0; j < w4_posts_per_user; ++j) {
                out.push_back({0, u, "post " + std::to_string(j) + " of user " + std::to_string(u),
                               "a short body of text, the same length for every post in the run"});
            }
        }
        return out;
    }();
    return all;
}

/** W2's keys: the same pseudo-random sequence in every contender (Python uses its own copy). */
inline const std::vector<std::int64_t>& lookup_keys() {
    static const std::vector<std::int64_t> keys = [] {
        std::vector<std::int64_t> out;
        out.reserve(w2_lookups);
        std::uint64_t x = 42;
        for (int i = 0; i < w2_lookups; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            out.push_back(static_cast<std::int64_t>((x >> 33) % w1_rows) + 1);
        }
        return out;
    }();
    return keys;
}

/**
 * W5's three parameters for query `k`: a LIKE pattern (names holding a digit, ~40% of the rows
 * spread evenly over the keys), a lower bound on the key, a limit of 5-15 rows.
 */
struct filter_params {
    std::string pattern;
    std::int64_t min_id = 0;
    std::int64_t limit = 0;
};

inline filter_params filter_for(int k) {
    return {"user%" + std::to_string(k % 10) + "%", static_cast<std::int64_t>((k * 7919L) % 90'000),
            static_cast<std::int64_t>(5 + k % 11)};
}

// The same text for every contender (the ORMs map onto these tables, they do not create them).
inline std::vector<std::string> schema_sql(bool postgresql) {
    const std::string key = postgresql ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
    const std::string big = postgresql ? "BIGINT" : "INTEGER";
    return {"DROP TABLE IF EXISTS posts",
            "DROP TABLE IF EXISTS users",
            "CREATE TABLE users (id " + key + ", name VARCHAR(50) NOT NULL, email VARCHAR(120) NOT NULL, age " +
                big + " NOT NULL, bio TEXT)",
            "CREATE TABLE posts (id " + key + ", user_id " + big +
                " NOT NULL REFERENCES users (id), title VARCHAR(100) NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX ix_posts_user_id ON posts (user_id)"};
}

enum class backend { sqlite_memory, sqlite_file, postgresql };

/** Command line: --backend sqlite-memory|sqlite-file|postgresql --reps N [--file PATH]. */
struct options {
    backend db = backend::sqlite_memory;
    int reps = 5;
    std::string file = "/tmp/retort-bench.db";
    std::string url;  // RETORT_TEST_POSTGRES_URL for postgresql

    [[nodiscard]] const char* backend_name() const {
        return db == backend::sqlite_memory ? "sqlite-memory"
               : db == backend::sqlite_file ? "sqlite-file"
                                            : "postgresql";
    }
    [[nodiscard]] bool postgresql() const { return db == backend::postgresql; }
};

inline options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view k = argv[i];
        const std::string v = argv[i + 1];
        if (k == "--backend") {
            o.db = v == "sqlite-file" ? backend::sqlite_file
                   : v == "postgresql" ? backend::postgresql
                                       : backend::sqlite_memory;
        } else if (k == "--reps") {
            o.reps = std::atoi(v.c_str());
        } else if (k == "--file") {
            o.file = v;
        }
    }
    if (o.postgresql()) {
        const char* url = std::getenv("RETORT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') {
            std::fprintf(stderr, "RETORT_TEST_POSTGRES_URL is not set\n");
            std::exit(2);
        }
        o.url = url;
    }
    return o;
}

/** Removes a SQLite file and its WAL companions so each repetition starts empty. */
inline void remove_sqlite_file(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}

/** Times `f` and prints one CSV row: contender,backend,workload,rep,seconds. */
template <class F>
void timed(const options& o, std::string_view contender, std::string_view workload, int rep, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.*s,%s,%.*s,%d,%.9f\n", static_cast<int>(contender.size()), contender.data(),
                o.backend_name(), static_cast<int>(workload.size()), workload.data(), rep, took.count());
    std::fflush(stdout);
}

/** Aborts the run when a workload did not do its work (a benchmark has nothing to recover). */
inline void expect(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "check failed: %s\n", what);
        std::abort();
    }
}

}  // namespace bench::wl
