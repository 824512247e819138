// The engine suite's fixture: one engine per test on SQLite (file, memory) or PostgreSQL.
#pragma once

#include <retort/engine/engine.hpp>
#include <retort/engine/url.hpp>

#if defined(RETORT_TEST_ALL_BACKENDS)
#include <retort/postgresql.hpp>
#include <retort/sqlite.hpp>
#elif defined(RETORT_TEST_POSTGRESQL)
#include <retort/postgresql.hpp>
#else
#include <retort/sqlite.hpp>
#endif

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "postgres_url.hpp"

namespace retort::testing {

/** The backends this executable runs the suite on. */
#if defined(RETORT_TEST_ALL_BACKENDS)
// One executable for every backend: compiled once, labelled per test (see retort_add_gtest).
inline const char* const backends[] = {"sqlite_file", "sqlite_memory", "postgresql"};
#elif defined(RETORT_TEST_POSTGRESQL)
inline const char* const backends[] = {"postgresql"};
#else
inline const char* const backends[] = {"sqlite_file", "sqlite_memory"};
#endif

class engine_test : public ::testing::TestWithParam<const char*> {
protected:
    void SetUp() override {
        const std::string_view backend = GetParam();
        const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        if (backend == "postgresql") {
            auto found = postgres_url();
            if (!found) {
                if (postgres_required()) FAIL() << postgres_missing_message;
                GTEST_SKIP() << postgres_missing_message;
            }
            // Each test gets a schema of its own, so tests may run in parallel processes.
            schema_ = "rt_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++);
            base_url_ = *found;
            {
                auto admin = create_engine(base_url_);
                admin.connect().execute_script("DROP SCHEMA IF EXISTS " + schema_ +
                                               " CASCADE; CREATE SCHEMA " + schema_);
            }
            url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
                   "options=-c%20search_path%3D" + schema_;
        } else if (backend == "sqlite_file") {
            file_ = (std::filesystem::temp_directory_path() /
                     ("retort_engine_" + std::to_string(::getpid()) + "_" +
                      std::to_string(counter()++) + ".db"))
                        .string();
            remove_files();
            url_ = "sqlite:///" + file_;
        } else {
            url_ = "sqlite://";
        }
    }

    void TearDown() override {
        if (!schema_.empty()) {
            try {
                auto admin = create_engine(base_url_);
                admin.connect().execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
            } catch (const std::exception& e) {
                ADD_FAILURE() << "cleanup: " << e.what();
            }
        }
        if (!file_.empty()) remove_files();
    }

    [[nodiscard]] bool pg() const { return std::string_view(GetParam()) == "postgresql"; }
    [[nodiscard]] bool memory() const { return std::string_view(GetParam()) == "sqlite_memory"; }
    [[nodiscard]] const std::string& url() const { return url_; }

    /** Placeholder number n (1-based) in this backend's style. */
    [[nodiscard]] std::string ph(int n) const { return pg() ? "$" + std::to_string(n) : "?"; }

    /** `blob_type` etc.: the column types that differ by backend. */
    [[nodiscard]] std::string_view blob_type() const { return pg() ? "BYTEA" : "BLOB"; }
    [[nodiscard]] std::string_view timestamp_type() const {
        return pg() ? "TIMESTAMPTZ" : "TIMESTAMP";
    }

private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    void remove_files() const {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::remove((file_ + suffix).c_str());
        }
    }

    std::string url_;
    std::string base_url_;
    std::string schema_;
    std::string file_;
};

}  // namespace retort::testing
