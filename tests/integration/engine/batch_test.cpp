// driver_statement::execute_batch: many runs of one statement (PostgreSQL: pipeline mode) with
// their RETURNING rows in order, parameter types that change between rows, and failures that
// leave the connection usable.
#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using retort::testing::engine_test;

class engine_batch : public engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_.emplace(retort::create_engine(url()));
        conn_.emplace(engine_->connect());
        conn_->execute_script(std::string(pg() ? "CREATE TABLE items (id BIGSERIAL PRIMARY KEY, "
                                               : "CREATE TABLE items (id INTEGER PRIMARY KEY, ") +
                              "name TEXT NOT NULL UNIQUE, qty BIGINT, note TEXT)");
    }
    void TearDown() override {
        conn_.reset();
        engine_.reset();
        engine_test::TearDown();
    }

    retort::connection& conn() { return *conn_; }
    std::int64_t count() { return conn().execute("SELECT count(*) FROM items").scalar<std::int64_t>(); }
    std::string insert_sql() const {
        return "INSERT INTO items (name, qty, note) VALUES (" + ph(1) + ", " + ph(2) + ", " + ph(3) +
               ") RETURNING id, qty";
    }

    std::optional<retort::engine> engine_;
    std::optional<retort::connection> conn_;
};

/** Rows `name<i>`, qty i (NULL for every seventh), note only for even rows. */
struct items final : retort::row_source {
    std::size_t n = 0;
    std::size_t limit = 0;
    std::size_t duplicate_at = static_cast<std::size_t>(-1);
    std::size_t throw_at = static_cast<std::size_t>(-1);
    std::vector<std::string> names;

    std::size_t next(std::span<retort::value_view> out) override {
        names.resize(out.size() / 3);
        std::size_t rows = 0;
        for (; rows < out.size() / 3 && n < limit; ++rows, ++n) {
            if (n == throw_at) throw std::runtime_error("source gave up");
            names[rows] = "name" + std::to_string(n == duplicate_at ? 0 : n);
            out[rows * 3] = retort::value_view::text(names[rows]);
            out[rows * 3 + 1] = n % 7 == 0 ? retort::value_view::null()
                                            : retort::value_view::integer(static_cast<std::int64_t>(n));
            out[rows * 3 + 2] = n % 2 == 0 ? retort::value_view::text("even") : retort::value_view::null();
        }
        return rows;
    }
};

struct returned final : retort::batch_sink {
    std::vector<std::size_t> index;
    std::vector<std::int64_t> ids;
    std::vector<std::optional<std::int64_t>> qty;
    std::size_t throw_at = static_cast<std::size_t>(-1);

    void row(std::size_t i, std::span<const retort::value_view> cells) override {
        if (i == throw_at) throw std::runtime_error("sink gave up");
        index.push_back(i);
        ids.push_back(cells[0].i);
        qty.push_back(cells[1].is_null() ? std::nullopt : std::optional<std::int64_t>(cells[1].i));
    }
};

TEST_P(engine_batch, runs_in_order_with_their_returning_rows) {
    auto tx = conn().begin();
    auto st = conn().driver().prepare(insert_sql(), true);
    items source;
    source.limit = 2000;  // several windows of the pipeline
    returned sink;
    EXPECT_EQ(st->execute_batch(source, 3, sink), 2000);
    ASSERT_EQ(sink.ids.size(), 2000U);
    for (std::size_t i = 0; i != 2000; ++i) {
        EXPECT_EQ(sink.index[i], i);
        EXPECT_EQ(sink.ids[i], static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(sink.qty[i], i % 7 == 0 ? std::nullopt
                                          : std::optional<std::int64_t>(static_cast<std::int64_t>(i)));
    }
    tx.commit();
    EXPECT_EQ(count(), 2000);
    EXPECT_EQ(conn().execute("SELECT count(*) FROM items WHERE note = 'even'").scalar<std::int64_t>(), 1000);

    // The statement works as a plain one afterwards, and for another batch.
    const retort::value_view one[] = {retort::value_view::text("single"),
                                      retort::value_view::integer(5), retort::value_view::null()};
    st->bind(one);
    ASSERT_TRUE(st->step());
    EXPECT_EQ(st->row()[0].i, 2001);
    EXPECT_FALSE(st->step());
    st.reset();

    auto update = conn().driver().prepare("UPDATE items SET qty = " + ph(1) + " WHERE name = " + ph(2), false);
    struct bump final : retort::row_source {
        int n = 0;
        std::vector<std::string> names;
        std::size_t next(std::span<retort::value_view> out) override {
            names.resize(out.size() / 2);
            std::size_t rows = 0;
            for (; rows < out.size() / 2 && n < 600; ++rows, ++n) {
                names[rows] = "name" + std::to_string(n * 4);  // from name2000 on: no such row
                out[rows * 2] = retort::value_view::integer(-1);
                out[rows * 2 + 1] = retort::value_view::text(names[rows]);
            }
            return rows;
        }
    } bumps;
    returned none;
    auto tx2 = conn().begin();
    EXPECT_EQ(update->execute_batch(bumps, 2, none), 500);
    tx2.commit();
    EXPECT_TRUE(none.ids.empty());
    EXPECT_EQ(conn().execute("SELECT count(*) FROM items WHERE qty = -1").scalar<std::int64_t>(), 500);
}

TEST_P(engine_batch, a_failed_run_is_thrown_and_the_connection_stays_usable) {
    auto st = conn().driver().prepare(insert_sql(), true);
    {
        auto tx = conn().begin();
        items source;
        source.limit = 1500;
        source.duplicate_at = 1200;  // name0 again
        returned sink;
        try {
            st->execute_batch(source, 3, sink);
            FAIL() << "expected integrity_error";
        } catch (const retort::integrity_error& e) {
            EXPECT_FALSE(e.constraint().empty());
        }
        tx.rollback();
    }
    EXPECT_EQ(count(), 0);
    EXPECT_FALSE(conn().in_transaction());

    // A source that throws: the batch stops, and what ran is undone with the transaction.
    {
        auto tx = conn().begin();
        items source;
        source.limit = 1500;
        source.throw_at = 700;
        returned sink;
        EXPECT_THROW(st->execute_batch(source, 3, sink), std::runtime_error);
        EXPECT_EQ(count(), 512);  // the batches before the one that threw; the connection answers
        tx.rollback();
    }
    // A sink that throws.
    {
        auto tx = conn().begin();
        items source;
        source.limit = 1500;
        returned sink;
        sink.throw_at = 900;
        EXPECT_THROW(st->execute_batch(source, 3, sink), std::runtime_error);
        EXPECT_EQ(count(), pg() ? 1500 : 901);  // the pipeline had sent every run
        tx.rollback();
    }
    items source;
    source.limit = 10;
    returned sink;
    EXPECT_EQ(st->execute_batch(source, 3, sink), 10);
    EXPECT_EQ(count(), 10);
    EXPECT_THROW(st->execute_batch(source, 0, sink), retort::interface_error);
}

INSTANTIATE_TEST_SUITE_P(backends, engine_batch, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
