// The result of a statement: rows read lazily, decoded into C++ types through type_traits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/engine/statement_cache.hpp"
#include "retort/errors.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort {

namespace detail {
struct connection_state;

/** One C++ value per column: a plain T for one column, a tuple for several. */
template <class... Ts>
using row_t = std::conditional_t<sizeof...(Ts) == 1, std::tuple_element_t<0, std::tuple<Ts...>>,
                                 std::tuple<Ts...>>;

/** Rethrows a codec error as data_error naming the column; in the library, off the hot path. */
[[noreturn]] RETORT_API void throw_decode_error(const error& e, std::span<const std::string> columns,
                                               std::size_t index, std::int64_t row_number);
/** data_error: the row has `got` cells where `want` C++ types were asked for. */
[[noreturn]] RETORT_API void throw_row_width_error(std::size_t got, std::size_t want,
                                                  std::int64_t row_number);

template <class T>
T decode_cell(const value_view& v, std::span<const std::string> columns, std::size_t index,
              std::int64_t row_number) {
    static_assert(decodable<T>,
                  "a result column cannot be read into this type: it has no retort::type_traits "
                  "from_value (std::string_view and other views are refused, they would dangle)");
    try {
        return type_traits<T>::from_value(v);
    } catch (const error& e) {
        throw_decode_error(e, columns, index, row_number);
    }
}

template <class... Ts>
row_t<Ts...> decode_row(std::span<const value_view> row, std::span<const std::string> columns,
                        std::int64_t row_number) {
    if (row.size() != sizeof...(Ts)) {
        throw_row_width_error(row.size(), sizeof...(Ts), row_number);
    }
    return [&]<std::size_t... I>(std::index_sequence<I...>) -> row_t<Ts...> {
        if constexpr (sizeof...(Ts) == 1) {
            return decode_cell<Ts...>(row[0], columns, 0, row_number);
        } else {
            // Braced initialisation: the cells are decoded left to right.
            return std::tuple<Ts...>{decode_cell<Ts>(row[I], columns, I, row_number)...};
        }
    }(std::index_sequence_for<Ts...>{});
}

}  // namespace detail

template <class... Ts>
class typed_result;

/**
 * Rows of an executed statement, read one at a time from the driver. The statement ran when
 * `execute` returned (so an INSERT happens even if the result is dropped); a query's first
 * row is already fetched. The result keeps its connection checked out until it is destroyed
 * or its last row is read.
 *
 *     auto r = conn.execute("SELECT id, name FROM users WHERE id > ?", 10);
 *     for (auto [id, name] : r.as<std::int64_t, std::string>()) { ... }
 *     auto n = conn.execute("SELECT count(*) FROM users").scalar<std::int64_t>();
 *     auto changed = conn.execute("DELETE FROM users WHERE id = ?", 3).rows_affected();
 */
class result {
public:
    result() = default;
    result(std::shared_ptr<detail::connection_state> owner, detail::cached_statement* entry,
           std::unique_ptr<detail::cached_statement> owned, bool has_row)
        : owner_(std::move(owner)), entry_(entry), owned_(std::move(owned)), has_row_(has_row) {
        if (has_row_) {
            row_number_ = 1;
        } else {
            finish();
        }
    }
    result(result&& other) noexcept
        : owner_(std::move(other.owner_)),
          entry_(std::exchange(other.entry_, nullptr)),
          owned_(std::move(other.owned_)),
          has_row_(std::exchange(other.has_row_, false)),
          row_number_(other.row_number_),
          affected_(other.affected_) {}
    result& operator=(result&& other) noexcept {
        if (this != &other) {
            release();
            owner_ = std::move(other.owner_);
            entry_ = std::exchange(other.entry_, nullptr);
            owned_ = std::move(other.owned_);
            has_row_ = std::exchange(other.has_row_, false);
            row_number_ = other.row_number_;
            affected_ = other.affected_;
        }
        return *this;
    }
    ~result() { release(); }

    /** True while a current row is available. */
    [[nodiscard]] bool has_row() const noexcept { return has_row_; }
    /** The cells of the current row (valid until next()). */
    [[nodiscard]] std::span<const value_view> row() const noexcept {
        return has_row_ ? entry_->stmt->row() : std::span<const value_view>{};
    }
    /** 1-based number of the current row. */
    [[nodiscard]] std::int64_t row_number() const noexcept { return row_number_; }
    /** Column names; empty once the last row has been read. */
    [[nodiscard]] std::span<const std::string> columns() const noexcept {
        return entry_ != nullptr ? entry_->stmt->columns() : std::span<const std::string>{};
    }
    /** Advances to the next row. */
    void next() {
        if (!has_row_) return;
        try {
            has_row_ = entry_->stmt->step();
        } catch (...) {
            has_row_ = false;
            release();
            throw;
        }
        if (has_row_) {
            ++row_number_;
        } else {
            finish();
        }
    }
    /** Rows inserted, updated or deleted (for a RETURNING query: after the last row). */
    [[nodiscard]] std::int64_t rows_affected() const noexcept { return affected_; }

    /** Decodes the current row into `Ts...` (a T for one type, else a tuple). */
    template <class... Ts>
    [[nodiscard]] detail::row_t<Ts...> get() const {
        return detail::decode_row<Ts...>(row(), columns(), row_number_);
    }

    /** A typed view of the rows: `for (auto [id, name] : r.as<std::int64_t, std::string>())`. */
    template <class... Ts>
    [[nodiscard]] typed_result<Ts...> as() & {
        return typed_result<Ts...>(this);
    }
    template <class... Ts>
    [[nodiscard]] typed_result<Ts...> as() && {
        return typed_result<Ts...>(std::move(*this));
    }

    /** The first column of the first row; nothing if there is no row. */
    template <class T>
    [[nodiscard]] std::optional<T> scalar_or_none() {
        if (!has_row_) return std::nullopt;
        if (row().empty()) {
            throw data_error("decode", "scalar(): the statement returned no columns");
        }
        T value = detail::decode_cell<T>(row()[0], columns(), 0, row_number_);
        release();
        return value;
    }
    /** The first column of the first row; throws interface_error ("no_result") if none. */
    template <class T>
    [[nodiscard]] T scalar() {
        auto value = scalar_or_none<T>();
        if (!value) throw interface_error("no_result", "scalar(): the statement returned no row");
        return std::move(*value);
    }

    template <class... Ts>
    [[nodiscard]] detail::row_t<Ts...> one() { return as<Ts...>().one(); }
    template <class... Ts>
    [[nodiscard]] std::optional<detail::row_t<Ts...>> one_or_none() {
        return as<Ts...>().one_or_none();
    }
    template <class... Ts>
    [[nodiscard]] std::optional<detail::row_t<Ts...>> first() { return as<Ts...>().first(); }
    template <class... Ts>
    [[nodiscard]] std::vector<detail::row_t<Ts...>> all() { return as<Ts...>().all(); }

    /** Stops reading: the statement is reset and its locks released. */
    void release() noexcept {
        has_row_ = false;
        if (entry_ != nullptr) {
            entry_->stmt->reset();
            entry_->in_use = false;
            entry_ = nullptr;
        }
        owned_.reset();
        owner_.reset();
    }

private:
    void finish() noexcept {
        if (entry_ != nullptr) affected_ = entry_->stmt->rows_affected();
        release();
    }

    std::shared_ptr<detail::connection_state> owner_;  // keeps the connection checked out
    detail::cached_statement* entry_ = nullptr;
    std::unique_ptr<detail::cached_statement> owned_;   // set when the cached one was busy
    bool has_row_ = false;
    std::int64_t row_number_ = 0;
    std::int64_t affected_ = 0;
};

/** Rows decoded as `Ts...`; an input range, plus one(), one_or_none(), first(), all(). */
template <class... Ts>
class typed_result {
public:
    using value_type = detail::row_t<Ts...>;

    explicit typed_result(result* r) : ref_(r) {}
    explicit typed_result(result&& r) : own_(std::move(r)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = detail::row_t<Ts...>;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        explicit iterator(result* r) : r_(r) {}
        value_type operator*() const { return r_->get<Ts...>(); }
        iterator& operator++() {
            r_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return it.r_ == nullptr || !it.r_->has_row();
        }

    private:
        result* r_ = nullptr;
    };

    [[nodiscard]] iterator begin() { return iterator(&get()); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    /** The only row; throws interface_error "no_result" or "multiple_results" otherwise. */
    [[nodiscard]] value_type one() {
        auto row = one_or_none();
        if (!row) throw interface_error("no_result", "one(): the statement returned no row");
        return std::move(*row);
    }
    /** The only row or nothing; throws interface_error "multiple_results" for more. */
    [[nodiscard]] std::optional<value_type> one_or_none() {
        result& r = get();
        if (!r.has_row()) return std::nullopt;
        value_type value = r.get<Ts...>();
        r.next();
        if (r.has_row()) {
            r.release();
            throw interface_error("multiple_results",
                                  "one(): the statement returned more than one row");
        }
        return value;
    }
    /** The first row (the rest are discarded) or nothing. */
    [[nodiscard]] std::optional<value_type> first() {
        result& r = get();
        if (!r.has_row()) return std::nullopt;
        value_type value = r.get<Ts...>();
        r.release();
        return value;
    }
    /** Every remaining row. */
    [[nodiscard]] std::vector<value_type> all() {
        std::vector<value_type> rows;
        for (result& r = get(); r.has_row(); r.next()) rows.push_back(r.get<Ts...>());
        return rows;
    }

private:
    result& get() noexcept { return own_ ? *own_ : *ref_; }

    std::optional<result> own_;
    result* ref_ = nullptr;
};

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/result-inl.hpp"
#endif
