// The bulk insert, conn.execute(insert<T>(), rows): every column type round-trips through COPY
// (PostgreSQL) and per-row INSERTs (SQLite); failures write nothing and leave the connection
// usable; tuples for chosen columns; the driver's copy_in with a hand-written row source.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ranges>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core_fixture.hpp"

namespace bulktest {

/** A uuid kept as 16 bytes in C++, as UUID (PostgreSQL) or CHAR(36) text (SQLite). */
struct uuid {
    std::array<unsigned char, 16> bytes{};
    friend bool operator==(const uuid&, const uuid&) = default;
};

enum class mood : std::int16_t { calm = 1, busy = 2, gone = 3 };
enum class shade { red, green, blue };

struct Sample {
    std::int64_t id = 0;
    bool flag = false;
    std::int16_t small = 0;
    std::int32_t medium = 0;
    std::int64_t large = 0;
    float single = 0;
    double precise = 0;
    std::string name;
    std::optional<std::string> note;
    std::vector<std::byte> data;
    std::optional<std::vector<std::byte>> maybe_data;
    retort::timestamp at{};
    std::optional<retort::timestamp> maybe_at;
    std::chrono::sys_days day{};
    uuid key;
    std::optional<uuid> maybe_key;
    mood feeling = mood::calm;
    shade colour = shade::red;
    std::optional<std::int64_t> maybe_number;
    retort::timestamp created_at{};

    friend bool operator==(const Sample&, const Sample&) = default;
};

struct Account {
    std::int64_t id = 0;
    std::string email;
    std::int64_t balance = 0;
};

/** A value whose binding throws for negative numbers: a source that fails mid-stream. */
struct picky {
    std::int64_t v = 0;
};

struct Reading {
    std::int64_t id = 0;
    picky value;
};

/** Mapped onto a table made by hand, with types retort's DDL does not use. */
struct Gadget {
    std::int64_t id = 0;
    std::string name;
    std::string price;
    std::optional<std::string> addr;
    shade colour = shade::red;
    std::string count;
    bool ok = false;
    double ratio = 0;
    std::optional<std::vector<std::byte>> raw;
    retort::timestamp at{};
    std::chrono::sys_days day{};
};

}  // namespace bulktest

template <>
struct retort::type_traits<bulktest::uuid>
    : retort::stored_as<bulktest::uuid, std::string, retort::sql_kind::uuid> {
    static std::string to_stored(const bulktest::uuid& u) {
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i != 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
            out += hex[u.bytes[i] >> 4];
            out += hex[u.bytes[i] & 15];
        }
        return out;
    }
    static bulktest::uuid from_stored(const std::string& s) {
        bulktest::uuid u;
        std::size_t n = 0;
        for (std::size_t p = 0; p + 1 < s.size() && n < 16; ++p) {
            if (s[p] == '-') continue;
            u.bytes[n++] = static_cast<unsigned char>(std::stoi(s.substr(p, 2), nullptr, 16));
            ++p;
        }
        return u;
    }
};

template <>
struct retort::type_traits<bulktest::picky> : retort::stored_as<bulktest::picky, std::int64_t> {
    static std::int64_t to_stored(const bulktest::picky& p) {
        if (p.v < 0) throw std::invalid_argument("picky: negative");
        return p.v;
    }
    static bulktest::picky from_stored(std::int64_t v) { return {v}; }
};

template <>
inline constexpr bool retort::enum_as_text<bulktest::shade> = true;

template <>
inline constexpr auto retort::table<bulktest::Sample> = retort::table_def{
    "samples",
    retort::column<&bulktest::Sample::name>.max_length(80),
    retort::column<&bulktest::Sample::created_at>.server_default(retort::func::now()),
};
template <>
inline constexpr auto retort::table<bulktest::Account> = retort::table_def{
    "accounts",
    retort::column<&bulktest::Account::email>.unique(),
};
template <>
inline constexpr auto retort::table<bulktest::Reading> = retort::table_def{"readings"};
template <>
inline constexpr auto retort::table<bulktest::Gadget> = retort::table_def{"gadgets"};

namespace {

using namespace bulktest;
using retort::col;
using ::testing::HasSubstr;

std::vector<std::byte> bytes_of(std::string_view s) {
    std::vector<std::byte> out;
    for (char c : s) out.push_back(static_cast<std::byte>(c));
    return out;
}

const std::array<std::string, 8> awkward_texts = {
    "tab\there",        "new\nline\r\nwindows", "back\\slash \\N \\.", "quotes ' \" `",
    "unicode: żółw, 日本語, 🦀", "",          "\\x00ff",               "comma, semicolon; pipe |",
};

Sample make_sample(std::size_t i) {
    using namespace std::chrono;
    Sample s;
    s.flag = i % 2 == 0;
    s.small = static_cast<std::int16_t>(static_cast<int>(i % 60000) - 30000);
    s.medium = static_cast<std::int32_t>(i * 7919) - 1'000'000;
    s.large = static_cast<std::int64_t>(i) * 1'000'000'007LL - 5'000'000'000'000LL;
    s.single = static_cast<float>(i) / 8.0f;
    s.precise = static_cast<double>(i) * 0.1 - 3.25e10;
    s.name = awkward_texts[i % awkward_texts.size()] + " #" + std::to_string(i);
    if (i % 3 != 0) s.note = awkward_texts[(i + 3) % awkward_texts.size()];
    s.data = bytes_of(std::string("\0\t\n\\\xff", 5) + std::to_string(i));
    if (i % 4 == 1) s.maybe_data = bytes_of("");
    if (i % 4 == 2) s.maybe_data = bytes_of(std::string(300, static_cast<char>(i % 256)));
    s.at = retort::timestamp{microseconds{static_cast<std::int64_t>(i) * 3'600'000'123LL -
                                         86'400'000'000LL * 365 * 40}};
    if (i % 5 != 0) s.maybe_at = s.at + hours(1);
    s.day = sys_days{days{static_cast<int>(i) - 20000}};
    for (std::size_t b = 0; b != 16; ++b) s.key.bytes[b] = static_cast<unsigned char>((i * 31 + b * 17) % 256);
    if (i % 2 == 1) s.maybe_key = s.key;
    s.feeling = static_cast<mood>(1 + i % 3);
    s.colour = static_cast<shade>(i % 3);
    if (i % 7 != 0) s.maybe_number = -static_cast<std::int64_t>(i);
    return s;
}

class core_bulk : public retort::testing::engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_.emplace(retort::create_engine(url()));
        conn_.emplace(engine_->connect());
        retort::create_all<Sample, Account, Reading>(*conn_);
    }
    void TearDown() override {
        conn_.reset();
        engine_.reset();
        engine_test::TearDown();
    }

    retort::connection& conn() { return *conn_; }
    std::int64_t count_accounts() {
        return conn().execute(retort::select(retort::count()).select_from<Account>()).scalar();
    }

    std::optional<retort::engine> engine_;
    std::optional<retort::connection> conn_;
};

TEST_P(core_bulk, every_column_type_round_trips) {
    constexpr std::size_t n = 3000;  // several COPY buffers of 64 KiB
    std::vector<Sample> rows;
    for (std::size_t i = 0; i != n; ++i) rows.push_back(make_sample(i));
    EXPECT_EQ(conn().execute(retort::insert<Sample>(), rows), static_cast<std::int64_t>(n));

    auto back = conn().execute(retort::select<Sample>().order_by(col<&Sample::id>)).all();
    ASSERT_EQ(back.size(), n);
    for (std::size_t i = 0; i != n; ++i) {
        EXPECT_EQ(back[i].id, static_cast<std::int64_t>(i + 1));  // generated by the database
        EXPECT_NE(back[i].created_at, retort::timestamp{});       // the server default
        Sample expected = rows[i];
        expected.id = back[i].id;
        expected.created_at = back[i].created_at;
        ASSERT_EQ(back[i], expected) << "row " << i << ": " << back[i].name;
    }
}

TEST_P(core_bulk, empty_range_inserts_nothing) {
    const std::vector<Account> none;
    EXPECT_EQ(conn().execute(retort::insert<Account>(), none), 0);
    EXPECT_EQ(count_accounts(), 0);
    const std::vector<std::tuple<std::string, std::int64_t>> no_tuples;
    EXPECT_EQ(conn().execute(retort::insert<Account>().columns<&Account::email, &Account::balance>(),
                             no_tuples),
              0);
}

TEST_P(core_bulk, rows_made_on_the_fly_and_tuples) {
    // A range that hands out rows by value: each batch keeps them while the driver reads them.
    auto made = std::views::iota(0, 5000) | std::views::transform([](int i) {
                    return Account{0, "user" + std::to_string(i) + "@example.com" +
                                          std::string(static_cast<std::size_t>(i % 50), 'x'),
                                   i};
                });
    EXPECT_EQ(conn().execute(retort::insert<Account>(), made), 5000);

    const std::vector<std::tuple<std::string, std::int64_t>> pairs = {{"ann@x.org", -1},
                                                                      {"bob@x.org", 2}};
    EXPECT_EQ(conn().execute(retort::insert<Account>().columns<&Account::email, &Account::balance>(),
                             pairs),
              2);
    const std::array<std::tuple<const char*, int>, 1> literal = {{{"cy@x.org", 3}}};
    EXPECT_EQ(conn().execute(retort::insert<Account>().columns<&Account::email, &Account::balance>(),
                             literal),
              1);

    EXPECT_EQ(count_accounts(), 5003);
    auto sum = conn().execute(retort::select(retort::sum(col<&Account::balance>))).scalar();
    EXPECT_EQ(sum, 4999 * 5000 / 2 - 1 + 2 + 3);
    auto one = conn()
                   .execute(retort::select<Account>().where(col<&Account::email> == "user77@example.com" +
                                                                                std::string(27, 'x')))
                   .one();
    EXPECT_EQ(one.balance, 77);
}

TEST_P(core_bulk, unique_violation_mid_stream_writes_nothing) {
    std::vector<Account> rows;
    for (int i = 0; i != 4000; ++i) rows.push_back({0, "a" + std::to_string(i) + "@x.org", i});
    rows[2500].email = rows[10].email;  // past the first buffer
    try {
        conn().execute(retort::insert<Account>(), rows);
        FAIL() << "expected integrity_error";
    } catch (const retort::integrity_error& e) {
        EXPECT_THAT(e.constraint(), HasSubstr(pg() ? "accounts_email" : "accounts.email"));
        if (pg()) {
            EXPECT_EQ(e.db_code(), "23505");
        }
    }
    EXPECT_FALSE(conn().in_transaction());
    EXPECT_EQ(count_accounts(), 0);  // the connection is usable, and nothing was written

    rows[2500].email = "fixed@x.org";
    EXPECT_EQ(conn().execute(retort::insert<Account>(), rows), 4000);
    EXPECT_EQ(count_accounts(), 4000);
}

TEST_P(core_bulk, failure_inside_a_transaction) {
    auto tx = conn().begin();
    conn().execute(retort::insert<Account>().values(Account{0, "first@x.org", 1}));
    const std::vector<Account> rows = {{0, "second@x.org", 2}, {0, "first@x.org", 3}};
    EXPECT_THROW(conn().execute(retort::insert<Account>(), rows), retort::integrity_error);
    if (pg()) {
        // Like any failed statement: the transaction is aborted and must be rolled back.
        EXPECT_THROW((void)conn().execute(retort::select(retort::count()).select_from<Account>()).scalar(),
                     retort::database_error);
        tx.rollback();
        EXPECT_EQ(count_accounts(), 0);
    } else {
        // As a failed statement on SQLite: its own rows are gone, the transaction goes on.
        EXPECT_EQ(count_accounts(), 1);
        tx.commit();
        EXPECT_EQ(count_accounts(), 1);
    }
    const std::array third{Account{0, "third@x.org", 4}};
    EXPECT_EQ(conn().execute(retort::insert<Account>(), third), 1);
}

TEST_P(core_bulk, exception_from_a_row_abandons_the_insert) {
    std::vector<Reading> rows;
    for (int i = 0; i != 3000; ++i) rows.push_back({0, {i}});
    rows[2000].value.v = -1;
    EXPECT_THROW(conn().execute(retort::insert<Reading>(), rows), std::invalid_argument);
    EXPECT_FALSE(conn().in_transaction());
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<Reading>()).scalar(), 0);
    rows[2000].value.v = 2000;
    EXPECT_EQ(conn().execute(retort::insert<Reading>(), rows), 3000);
}

TEST_P(core_bulk, echo_logs_one_line) {
    retort::engine_options options;
    std::vector<std::string> lines;
    options.echo = true;
    options.echo_to = [&](const retort::echo_record& r) { lines.emplace_back(r.sql); };
    auto logged = retort::create_engine(url(), options);
    auto c = logged.connect();
    if (memory()) retort::create_all<Account>(c);  // a database of its own
    lines.clear();
    c.execute(retort::insert<Account>(), std::array{Account{0, "e@x.org", 1}, Account{0, "f@x.org", 2}});
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0], "bulk insert into accounts (email, balance): 2 rows");
}

TEST_P(core_bulk, postgresql_column_types_beyond_the_mapping) {
    if (!pg()) return;  // PostgreSQL's own types: NUMERIC, enums, INET
    conn().execute_script(
        "CREATE TABLE gadgets (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(14,3), "
        "addr TEXT, colour TEXT, count INTEGER, ok BOOLEAN, ratio DOUBLE PRECISION, raw BYTEA, "
        "at TIMESTAMPTZ, day DATE)");
    const std::vector<std::string> prices = {"12.5",   "-0.001", "123456789.123", "0",    "1e3",
                                             "NaN",    "-7",     "0.0005",        "9999", "10000.1"};
    std::vector<Gadget> rows;
    for (std::size_t i = 0; i != prices.size(); ++i) {
        Gadget g;
        g.name = awkward_texts[i % awkward_texts.size()] + "#" + std::to_string(i);
        g.price = prices[i];
        if (i % 2 == 0) g.addr = "10.0.0." + std::to_string(i);
        g.colour = static_cast<shade>(i % 3);
        g.count = std::to_string(i * 100);
        g.ok = i % 3 == 0;
        g.ratio = i == 5 ? -std::numeric_limits<double>::infinity()
                         : static_cast<double>(i) * 0.1 + 1e-7;
        if (i % 4 == 2) g.raw = std::vector<std::byte>{};
        if (i % 4 < 2) g.raw = bytes_of(std::string("\0\t\n\\\xff\\x", 7) + std::to_string(i));
        g.at = retort::timestamp{
            std::chrono::microseconds{static_cast<std::int64_t>(i) * 86'400'000'123LL - 1}};
        g.day = std::chrono::sys_days{std::chrono::days{static_cast<int>(i) * 400 - 1}};
        rows.push_back(std::move(g));
    }
    // The columns the text cast would not show as they are: read back as the model's types.
    auto check_values = [&] {
        std::size_t i = 0;
        for (auto [name, ok, ratio, raw, at, day] :
             conn()
                 .execute("SELECT name, ok, ratio, raw, at, day FROM gadgets ORDER BY id")
                 .as<std::string, bool, double, std::optional<std::vector<std::byte>>,
                     retort::timestamp, std::chrono::sys_days>()) {
            ASSERT_LT(i, rows.size());
            EXPECT_EQ(name, rows[i].name);
            EXPECT_EQ(ok, rows[i].ok);
            EXPECT_EQ(ratio, rows[i].ratio);
            EXPECT_EQ(raw, rows[i].raw);
            EXPECT_EQ(at, rows[i].at);
            EXPECT_EQ(day, rows[i].day);
            ++i;
        }
        EXPECT_EQ(i, rows.size());
    };
    auto read = [&] {
        std::vector<std::tuple<std::string, std::optional<std::string>, std::optional<std::string>,
                               std::string>>
            out;
        for (auto row : conn()
                            .execute("SELECT price::text, addr::text, colour::text, count::text "
                                     "FROM gadgets ORDER BY id")
                            .as<std::string, std::optional<std::string>,
                                std::optional<std::string>, std::string>()) {
            out.push_back(row);
        }
        return out;
    };
    const std::vector<std::string> stored = {"12.500", "-0.001", "123456789.123", "0.000",
                                             "1000.000", "NaN", "-7.000", "0.001", "9999.000",
                                             "10000.100"};
    auto check = [&] {
        const auto back = read();
        ASSERT_EQ(back.size(), rows.size());
        for (std::size_t i = 0; i != rows.size(); ++i) {
            EXPECT_EQ(std::get<0>(back[i]), stored[i]);
            EXPECT_EQ(std::get<1>(back[i]).has_value(), rows[i].addr.has_value());
            const std::array<std::string, 3> names = {"red", "green", "blue"};
            EXPECT_EQ(std::get<2>(back[i]), names[i % 3]);
            EXPECT_EQ(std::get<3>(back[i]), rows[i].count);
        }
    };
    // NUMERIC and text into an INTEGER column: binary COPY.
    EXPECT_EQ(conn().execute(retort::insert<Gadget>(), rows), 10);
    check();
    check_values();

    // An enum and INET: COPY in text format, the server reads every value.
    conn().execute_script(
        "TRUNCATE gadgets; CREATE TYPE shade AS ENUM ('red', 'green', 'blue'); "
        "ALTER TABLE gadgets ALTER addr TYPE INET USING addr::inet, "
        "ALTER colour TYPE shade USING colour::shade");
    EXPECT_EQ(conn().execute(retort::insert<Gadget>(), rows), 10);
    check();
    check_values();
    EXPECT_EQ(std::get<1>(read()[2]), "10.0.0.2/32");

    // Values that do not fit their column: data_error naming it, nothing written.
    conn().execute_script("TRUNCATE gadgets");
    rows[7].count = "seven";
    try {
        conn().execute(retort::insert<Gadget>(), rows);
        FAIL() << "expected data_error";
    } catch (const retort::data_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("count"));
    }
    rows[7].count = "7";
    rows[3].price = "12x";
    EXPECT_THROW(conn().execute(retort::insert<Gadget>(), rows), retort::data_error);
    EXPECT_TRUE(read().empty());
    conn().execute_script("ALTER TABLE gadgets ALTER addr TYPE TEXT, ALTER colour TYPE TEXT");
    // Binary again: the value is checked here, before it is sent.
    EXPECT_THROW(conn().execute(retort::insert<Gadget>(), rows), retort::data_error);
    rows[3].price = "12";
    EXPECT_EQ(conn().execute(retort::insert<Gadget>(), rows), 10);
}

/** The driver's own entry point: a row source written by hand. */
struct squares final : retort::row_source {
    std::int64_t n = 0;
    std::int64_t limit = 0;
    std::size_t next(std::span<retort::value_view> out) override {
        std::size_t rows = 0;
        for (; (rows + 1) * 2 <= out.size() && n < limit; ++rows, ++n) {
            out[rows * 2] = retort::value_view::text(n % 2 == 0 ? "even" : "odd");
            out[rows * 2 + 1] = retort::value_view::integer(n * n);
        }
        return rows;
    }
};

TEST_P(core_bulk, driver_copy_in_with_a_row_source) {
    const std::string_view columns[] = {"parity", "square"};
    conn().execute_script("CREATE TABLE squares (parity TEXT NOT NULL, square BIGINT NOT NULL)");
    squares source;
    source.limit = 1000;
    EXPECT_EQ(conn().copy_in("squares", columns, source), 1000);
    EXPECT_EQ(conn().execute("SELECT max(square) FROM squares").scalar<std::int64_t>(), 998001);
    EXPECT_EQ(conn()
                  .execute("SELECT count(*) FROM squares WHERE parity = " + ph(1), "odd")
                  .scalar<std::int64_t>(),
              500);
    EXPECT_THROW(conn().copy_in("no_such_table", columns, source), retort::programming_error);
    EXPECT_FALSE(conn().in_transaction());
}

INSTANTIATE_TEST_SUITE_P(backends, core_bulk, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
