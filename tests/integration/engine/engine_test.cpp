// The engine against a real database: values, errors, transactions, results, echo, caches.
#include "engine_fixture.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using retort::value_type;
using retort::value_view;
using retort::testing::engine_test;

class engine_values : public engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_.emplace(retort::create_engine(url()));
        conn_.emplace(engine_->connect());
        conn_->execute_script(fmt::format(
            "CREATE TABLE vals (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, "
            "b {}, bo BOOLEAN, ts {}, d DATE)",
            blob_type(), timestamp_type()));
    }
    void TearDown() override {
        conn_.reset();
        engine_.reset();
        engine_test::TearDown();
    }

    value_view trip(std::string_view column, const value_view& v) {
        conn_->execute("DELETE FROM vals");
        conn_->execute(fmt::format("INSERT INTO vals (id, {}) VALUES (1, {})", column, ph(1)), v);
        auto r = conn_->execute(fmt::format("SELECT {} FROM vals WHERE id = 1", column));
        EXPECT_TRUE(r.has_row());
        value_view cell = r.row()[0];
        held_.assign(cell.bytes);
        cell.bytes = held_;
        return cell;
    }

    std::optional<retort::engine> engine_;
    std::optional<retort::connection> conn_;
    std::string held_;
};

TEST_P(engine_values, integers_including_extremes) {
    for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
                           std::numeric_limits<std::int64_t>::min(),
                           std::numeric_limits<std::int64_t>::max()}) {
        const auto cell = trip("i", value_view::integer(v));
        EXPECT_EQ(cell.type, value_type::integer);
        EXPECT_EQ(cell.i, v);
    }
}

TEST_P(engine_values, reals_including_nan_and_infinities) {
    for (double v : {0.0, -2.5, 1e300, std::numeric_limits<double>::denorm_min(),
                     std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
        const auto cell = trip("r", value_view::real(v));
        EXPECT_EQ(cell.type, value_type::real);
        EXPECT_EQ(cell.d, v);
    }
    const auto nan = trip("r", value_view::real(std::numeric_limits<double>::quiet_NaN()));
    if (pg()) {
        EXPECT_EQ(nan.type, value_type::real);
        EXPECT_TRUE(std::isnan(nan.d));
    } else {
        EXPECT_EQ(nan.type, value_type::null);  // SQLite stores NaN as NULL
    }
}

TEST_P(engine_values, texts_empty_and_non_ascii) {
    for (std::string_view v :
         {std::string_view(""), std::string_view("plain"),
          std::string_view("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"),
          std::string_view("line\nbreak\ttab")}) {
        const auto cell = trip("t", value_view::text(v));
        EXPECT_EQ(cell.type, value_type::text);
        EXPECT_EQ(cell.bytes, v);
    }
}

TEST_P(engine_values, blobs_with_nul_bytes_and_empty) {
    const std::string bytes("\0\x01\xff\0abc\0", 8);
    for (std::string_view v : {std::string_view(bytes), std::string_view()}) {
        const auto cell = trip("b", value_view::blob(v));
        EXPECT_EQ(cell.type, value_type::blob);
        EXPECT_EQ(cell.bytes, v);
    }
}

TEST_P(engine_values, booleans) {
    for (bool v : {true, false}) {
        const auto cell = trip("bo", value_view::boolean(v));
        if (pg()) {
            EXPECT_EQ(cell.type, value_type::boolean);
            EXPECT_EQ(cell.b, v);
        } else {
            EXPECT_EQ(cell.type, value_type::integer);  // SQLite stores 0/1
            EXPECT_EQ(cell.i, v ? 1 : 0);
        }
    }
}

TEST_P(engine_values, timestamps_before_1970_and_after_2038_with_microseconds) {
    struct tc {
        std::int64_t micros;
        std::string_view iso;
    };
    for (const tc& c : {tc{0, "1970-01-01 00:00:00.000000"},
                        tc{-1, "1969-12-31 23:59:59.999999"},
                        tc{-2'208'988'800'000'000 + 123'456, "1900-01-01 00:00:00.123456"},
                        tc{4'102'444'800'000'001, "2100-01-01 00:00:00.000001"},
                        tc{2'147'483'648'000'000, "2038-01-19 03:14:08.000000"}}) {
        const auto cell = trip("ts", value_view::timestamp(c.micros));
        if (pg()) {
            EXPECT_EQ(cell.type, value_type::timestamp);
            EXPECT_EQ(cell.i, c.micros);
        } else {
            EXPECT_EQ(cell.type, value_type::text);  // SQLite stores ISO text
            EXPECT_EQ(cell.bytes, c.iso);
        }
    }
}

TEST_P(engine_values, dates) {
    struct tc {
        std::int64_t days;
        std::string_view iso;
    };
    for (const tc& c : {tc{0, "1970-01-01"}, tc{-1, "1969-12-31"}, tc{-25'567, "1900-01-01"},
                        tc{47'482, "2100-01-01"}}) {
        const auto cell = trip("d", value_view::date(c.days));
        if (pg()) {
            EXPECT_EQ(cell.type, value_type::date);
            EXPECT_EQ(cell.i, c.days);
        } else {
            EXPECT_EQ(cell.type, value_type::text);
            EXPECT_EQ(cell.bytes, c.iso);
        }
    }
}

TEST_P(engine_values, null_in_every_column) {
    for (std::string_view column : {"i", "r", "t", "b", "bo", "ts", "d"}) {
        EXPECT_EQ(trip(column, value_view::null()).type, value_type::null) << column;
    }
}

TEST_P(engine_values, injection_corpus_is_bound_as_values_byte_for_byte) {
    const std::string with_nul("a\0'b", 4);
    const std::vector<std::string_view> corpus = {
        "'", "''", "\"", "'; DROP TABLE vals; --", "\\", "\\'", "\\\\'; --", "%_",
        "1 OR 1=1", "$1", "?", "\xE2\x80\x99; \xD0\x94\xD0\xB8 \xF0\x9F\x92\xA3",
        "/* comment */", "E'\\x00'", "\r\n\x1a"};
    for (std::string_view v : corpus) {
        const auto cell = trip("t", value_view::text(v));
        EXPECT_EQ(cell.bytes, v);
    }
    for (std::string_view v : {std::string_view(with_nul), std::string_view("'; DROP TABLE vals; --\0", 24)}) {
        const auto cell = trip("b", value_view::blob(v));
        EXPECT_EQ(cell.bytes, v);
    }
    // The table survived every attempt.
    EXPECT_EQ(conn_->execute("SELECT count(*) FROM vals").scalar<std::int64_t>(), 1);
}

TEST_P(engine_values, typed_values_round_trip_through_type_traits) {
    using namespace std::chrono;
    const std::string insert = fmt::format(
        "INSERT INTO vals (id, i, r, t, b, bo, ts, d) VALUES ({}, {}, {}, {}, {}, {}, {}, {})",
        ph(1), ph(2), ph(3), ph(4), ph(5), ph(6), ph(7), ph(8));
    const std::vector<std::byte> bytes{std::byte{0}, std::byte{0xff}, std::byte{0}};
    const retort::timestamp before_1970 = sys_days(year(1901) / 2 / 3) + 4h + 5min + 6s + 7us;
    const retort::timestamp after_2038 = sys_days(year(2262) / 4 / 11) + 23h + 59min + 999'999us;
    const sys_days day = sys_days(year(1969) / 7 / 20);
    conn_->execute(insert, std::int64_t{1}, std::int64_t{-5}, 0.5, std::string("h\xC3\xA9"),
                   bytes, true, before_1970, day);
    conn_->execute(insert, std::int64_t{2}, std::optional<std::int64_t>{}, 2.0, "", bytes,
                   false, after_2038, std::optional<sys_days>{});
    auto rows = conn_->execute("SELECT i, r, t, b, bo, ts, d FROM vals ORDER BY id")
                    .all<std::optional<std::int64_t>, double, std::string, std::vector<std::byte>,
                         bool, retort::timestamp, std::optional<sys_days>>();
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(std::get<0>(rows[0]), -5);
    EXPECT_EQ(std::get<1>(rows[0]), 0.5);
    EXPECT_EQ(std::get<2>(rows[0]), "h\xC3\xA9");
    EXPECT_EQ(std::get<3>(rows[0]), bytes);
    EXPECT_TRUE(std::get<4>(rows[0]));
    EXPECT_EQ(std::get<5>(rows[0]), before_1970);
    EXPECT_EQ(std::get<6>(rows[0]), day);
    EXPECT_EQ(std::get<0>(rows[1]), std::nullopt);
    EXPECT_EQ(std::get<2>(rows[1]), "");
    EXPECT_FALSE(std::get<4>(rows[1]));
    EXPECT_EQ(std::get<5>(rows[1]), after_2038);
    EXPECT_EQ(std::get<6>(rows[1]), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(backends, engine_values,
                         ::testing::ValuesIn(retort::testing::backends));

// --- errors -------------------------------------------------------------------------------

class engine_errors : public engine_values {};

TEST_P(engine_errors, unique_violation) {
    conn_->execute_script("CREATE TABLE u (id BIGINT PRIMARY KEY, email TEXT CONSTRAINT "
                          "u_email_key UNIQUE)");
    const std::string insert = "INSERT INTO u (id, email) VALUES (" + ph(1) + ", " + ph(2) + ")";
    conn_->execute(insert, std::int64_t{1}, "a@example.com");
    try {
        conn_->execute(insert, std::int64_t{2}, "a@example.com");
        FAIL() << "no error";
    } catch (const retort::integrity_error& e) {
        EXPECT_EQ(e.code(), "integrity");
        EXPECT_EQ(e.db_code(), pg() ? "23505" : "2067");  // SQLITE_CONSTRAINT_UNIQUE
        EXPECT_EQ(e.constraint(), pg() ? "u_email_key" : "u.email");
        EXPECT_EQ(e.statement(), insert);
        EXPECT_EQ(std::string_view(e.what()).find("@example.com'"), std::string_view::npos);
    }
    // The primary key is a unique constraint too.
    EXPECT_THROW(conn_->execute(insert, std::int64_t{1}, "b@example.com"), retort::integrity_error);
}

TEST_P(engine_errors, foreign_key_not_null_and_check_violations) {
    conn_->execute_script(
        "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
        "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT CONSTRAINT child_parent_fk "
        "REFERENCES parent (id), name TEXT NOT NULL, qty BIGINT CONSTRAINT qty_positive "
        "CHECK (qty > 0))");
    auto expect = [&](std::string_view sql, std::string_view db_code,
                      std::string_view constraint) {
        SCOPED_TRACE(sql);
        try {
            conn_->execute(sql);
            ADD_FAILURE() << "no error";
        } catch (const retort::integrity_error& e) {
            EXPECT_EQ(e.code(), "integrity");
            EXPECT_EQ(e.db_code(), db_code);
            EXPECT_EQ(e.constraint(), constraint);
        }
    };
    expect("INSERT INTO child (id, parent_id, name, qty) VALUES (1, 99, 'x', 1)",
           pg() ? "23503" : "787", pg() ? "child_parent_fk" : "");
    expect("INSERT INTO child (id, parent_id, name, qty) VALUES (1, NULL, NULL, 1)",
           pg() ? "23502" : "1299", "child.name");
    expect("INSERT INTO child (id, parent_id, name, qty) VALUES (1, NULL, 'x', 0)",
           pg() ? "23514" : "275", "qty_positive");
}

TEST_P(engine_errors, syntax_errors_and_missing_tables_are_programming_errors) {
    try {
        conn_->execute("SELEC 1");
        FAIL() << "no error";
    } catch (const retort::programming_error& e) {
        EXPECT_EQ(e.code(), "programming");
        EXPECT_EQ(e.db_code(), pg() ? "42601" : "1");
        EXPECT_EQ(e.statement(), "SELEC 1");
    }
    try {
        conn_->execute("SELECT * FROM no_such_table");
        FAIL() << "no error";
    } catch (const retort::programming_error& e) {
        EXPECT_EQ(e.db_code(), pg() ? "42P01" : "1");
        EXPECT_NE(std::string_view(e.what()).find("no_such_table"), std::string_view::npos);
    }
    // The connection is still usable afterwards.
    EXPECT_EQ(conn_->execute("SELECT 1").scalar<std::int64_t>(), 1);
}

TEST_P(engine_errors, decoding_errors_name_the_column_and_row) {
    conn_->execute_script(
        "CREATE TABLE people (id BIGINT PRIMARY KEY, name TEXT, age BIGINT);"
        "INSERT INTO people VALUES (1, 'ann', 30); INSERT INTO people VALUES (2, NULL, 40)");
    try {
        for (auto [id, name] : conn_->execute("SELECT id, name FROM people ORDER BY id")
                                   .as<std::int64_t, std::string>()) {
            (void)id;
            (void)name;
        }
        FAIL() << "no error";
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "decode");
        EXPECT_NE(std::string_view(e.what()).find("column 'name' (index 1) of row 2"),
                  std::string_view::npos)
            << e.what();
    }
    try {
        (void)conn_->execute("SELECT name FROM people WHERE id = 1").one<std::int64_t>();
        FAIL() << "no error";
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "decode");
        EXPECT_NE(std::string_view(e.what()).find("column 'name' (index 0) of row 1"),
                  std::string_view::npos)
            << e.what();
    }
    try {
        (void)conn_->execute("SELECT id, name, age FROM people").first<std::int64_t>();
        FAIL() << "no error";
    } catch (const retort::data_error& e) {
        EXPECT_NE(std::string_view(e.what()).find("returns 3 columns but 1"),
                  std::string_view::npos)
            << e.what();
    }
    // NULL reads fine into an optional.
    auto rows = conn_->execute("SELECT name FROM people ORDER BY id").all<std::optional<std::string>>();
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0], "ann");
    EXPECT_EQ(rows[1], std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(backends, engine_errors,
                         ::testing::ValuesIn(retort::testing::backends));

}  // namespace
