// The rows of an executed Core statement, decoded into its result type: models or tuples.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "retort/engine/decode.hpp"
#include "retort/engine/result.hpp"
#include "retort/errors.hpp"

namespace retort {

/**
 * What `conn.execute(stmt)` returns for a statement with rows: `R` is the statement's
 * `result_type`, a model (`select<User>()`, `returning<User>()`) or a `std::tuple` of the
 * selected expressions. Rows are read lazily and decoded straight into `R`, field by field.
 * The statement ran when `execute` returned; the connection stays checked out until the last
 * row is read or this object is destroyed.
 *
 *     for (User& u : conn.execute(select<User>().where(col<&User::id> > 10))) { ... }
 *     for (auto [id, name] : conn.execute(select(col<&User::id>, col<&User::username>))) { ... }
 *     User u = conn.execute(select<User>().where(col<&User::id> == 1)).one();
 *     auto n = conn.execute(select(count()).select_from<User>()).scalar();   // std::int64_t
 *     auto id = conn.execute(insert<User>().values(u).returning(col<&User::id>)).scalar();
 *
 * Iterating reuses one `R` for every row (text lands in the same std::string buffers), so bind
 * `R&` and copy what you keep; `all()`, `one()`, `first()` hand out objects of their own.
 */
template <class R>
class typed_rows {
    using reader = detail::row_reader<R>;

public:
    using value_type = R;

    typed_rows(result r, std::string_view sql) : r_(std::move(r)), sql_(sql) {
        if (r_.has_row() && r_.row().size() != reader::width) {
            const std::size_t got = r_.row().size();
            r_.release();
            detail::throw_result_width_error(reader::width, got, sql_);
        }
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = R;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        explicit iterator(typed_rows* rows) : rows_(rows) {}
        R& operator*() const { return *rows_->current_; }
        R* operator->() const { return &*rows_->current_; }
        iterator& operator++() {
            rows_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return it.rows_ == nullptr || !it.rows_->has_row();
        }

    private:
        typed_rows* rows_ = nullptr;
    };

    /** Decodes the current row (once) and iterates from it. */
    [[nodiscard]] iterator begin() {
        if (r_.has_row() && !loaded_) load();
        return iterator(this);
    }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    /** The only row; throws interface_error "no_result" or "multiple_results" otherwise. */
    [[nodiscard]] R one() {
        if (!r_.has_row()) throw interface_error("no_result", "one(): the statement returned no row");
        R out{};
        read(out);
        expect_last();
        return out;
    }
    /** The only row or nothing; throws interface_error "multiple_results" for more. */
    [[nodiscard]] std::optional<R> one_or_none() {
        std::optional<R> out;
        if (!r_.has_row()) return out;
        read(out.emplace());
        expect_last();
        return out;
    }
    /** The first row (the rest are discarded) or nothing. */
    [[nodiscard]] std::optional<R> first() {
        std::optional<R> out;
        if (!r_.has_row()) return out;
        read(out.emplace());
        r_.release();
        return out;
    }
    /** Every remaining row. */
    [[nodiscard]] std::vector<R> all() {
        std::vector<R> rows;
        for (; r_.has_row(); r_.next()) read(rows.emplace_back());
        loaded_ = false;
        return rows;
    }

    /** The first column of the first row (tuple results); interface_error "no_result" if none. */
    [[nodiscard]] auto scalar() {
        auto value = scalar_or_none();
        if (!value) throw interface_error("no_result", "scalar(): the statement returned no row");
        return std::move(*value);
    }
    /** The first column of the first row, or nothing when there is no row. */
    [[nodiscard]] auto scalar_or_none() {
        using T = first_column_t;
        std::optional<T> out;
        if (!r_.has_row()) return out;
        read_first(out.emplace());
        r_.release();
        return out;
    }
    /** The first column of every remaining row. */
    [[nodiscard]] auto scalars() {
        std::vector<first_column_t> out;
        for (; r_.has_row(); r_.next()) read_first(out.emplace_back());
        loaded_ = false;
        return out;
    }

    /** True while a current row is available. */
    [[nodiscard]] bool has_row() const noexcept { return r_.has_row(); }
    /** Rows inserted, updated or deleted (with RETURNING: once the last row has been read). */
    [[nodiscard]] std::int64_t rows_affected() const noexcept { return r_.rows_affected(); }
    /** Column names as the database gives them; empty once the last row has been read. */
    [[nodiscard]] std::span<const std::string> columns() const noexcept { return r_.columns(); }
    /** The undecoded result, for what this view does not offer. */
    [[nodiscard]] result& raw() noexcept { return r_; }

private:
    struct not_a_tuple {};
    template <class X>
    struct first_column {
        using type = not_a_tuple;
    };
    template <class T, class... Ts>
    struct first_column<std::tuple<T, Ts...>> {
        using type = T;
    };
    using first_column_t = typename first_column<R>::type;

    void read(R& out) const {
        reader::read(out, r_.row(), {&r_, sql_});
    }
    void read_first(first_column_t& out) const {
        static_assert(detail::is_tuple_v<R>,
                      "scalar()/scalars(): the statement returns whole models; use one(), "
                      "first() or all()");
        try {
            detail::read_cell(out, r_.row()[0]);
        } catch (const error& e) {
            const detail::row_context ctx{&r_, sql_};
            detail::throw_cell_error(e, {}, ctx.column(0), 0, ctx.row_number(), sql_);
        }
    }
    void load() {
        if (!current_) current_.emplace();
        read(*current_);
        loaded_ = true;
    }
    void advance() {
        r_.next();
        loaded_ = false;
        if (r_.has_row()) load();
    }
    void expect_last() {
        r_.next();
        if (r_.has_row()) {
            r_.release();
            throw interface_error("multiple_results",
                                  "one(): the statement returned more than one row");
        }
    }

    result r_;
    std::string_view sql_;  // for error messages; empty for run-time text
    std::optional<R> current_;
    bool loaded_ = false;
};

}  // namespace retort
