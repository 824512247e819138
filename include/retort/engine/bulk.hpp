// The Core's bulk insert: a range of models (or of tuples for chosen columns) bound through
// type_traits a batch at a time and streamed into one table by the driver's copy_in.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/insert.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/** A bulk insert's target: the table and its columns, quoted, as constants. */
template <class T, class Cols>
struct bulk_target;

/** A whole model: every column but the generated key and server defaults, as `insert<T>()`. */
template <class T>
struct bulk_target<T, model_insert_columns<T>> {
    static constexpr std::size_t width = model_insert_columns<T>::count;
    static constexpr std::array<std::string_view, width> columns = [] {
        std::array<std::string_view, width> out{};
        std::size_t n = 0;
        for (std::size_t i = 0; i != model<T>::column_count; ++i) {
            const auto& c = model<T>::columns[i];
            if (!c.autoincrement && c.server_default.empty()) out[n++] = quoted_names<T>::column(i);
        }
        return out;
    }();
};

/** Chosen columns: `insert<T>().columns<&T::a, &T::b>()`. */
template <class T, auto... MPs>
struct bulk_target<T, chosen_columns<T, MPs...>> {
    static constexpr std::size_t width = sizeof...(MPs);
    static constexpr std::array<std::string_view, width> columns{
        quoted_names<T>::column(column_ref<MPs, T>::index)...};
};

/** A value of a tuple row as a parameter: type_traits<V>, plus strings and std::nullopt. */
template <class V>
value_view bulk_param(const V& v, std::string& scratch) {
    if constexpr (std::is_same_v<V, std::nullopt_t>) {
        return value_view::null();
    } else if constexpr (std::is_same_v<stored_value_t<V>, std::string_view>) {
        return value_view::text(std::string_view(v));
    } else {
        return type_traits<V>::to_value(v, scratch);
    }
}

/** Writes the values of one row into `out` (its columns, in order). */
template <class T, class Cols>
struct bulk_binder;

template <class T>
struct bulk_binder<T, model_insert_columns<T>> {
    static void bind(const T& row, value_view* out, std::string* scratch) {
        std::size_t k = 0;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            reflect::visit_fields(row, [&](const auto&... fields) { (put<I>(fields, out, scratch, k), ...); });
        }(std::make_index_sequence<reflect::field_count_v<T>>{});
    }

private:
    template <std::size_t I, class V>
    static void put(const V& v, value_view* out, std::string* scratch, std::size_t& k) {
        if constexpr (inserted_field<T, I>()) {
            out[k] = type_traits<V>::to_value(v, scratch[k]);
            ++k;
        }
    }
};

template <class T, auto... MPs>
struct bulk_binder<T, chosen_columns<T, MPs...>> {
    template <class Row>
    static void bind(const Row& row, value_view* out, std::string* scratch) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            using std::get;
            ((out[K] = bulk_param(get<K>(row), scratch[K])), ...);
        }(std::make_index_sequence<sizeof...(MPs)>{});
    }
};

template <auto MP, class V>
consteval void check_bulk_value() {
    using column_type = reflect::member_type_t<MP>;
    if constexpr (std::is_same_v<V, std::nullopt_t>) {
        static_assert(is_optional_v<column_type>,
                      "retort: std::nullopt goes only into a nullable (std::optional) column");
    } else {
        static_assert(bindable<stored_value_t<V>>,
                      "retort: a value of this type cannot be bound as a parameter");
        static_assert(comparable_v<column_type, value_type_of_t<V>>,
                      "retort: a tuple's value does not match its column's type");
    }
}

template <class T, auto... MPs, class Row>
consteval bool check_bulk_tuple(chosen_columns<T, MPs...>*, Row*) {
    if constexpr (!requires { std::tuple_size<Row>::value; }) {
        static_assert(requires { std::tuple_size<Row>::value; },
                      "retort: execute(insert<T>().columns<...>(), rows) takes a range of tuples, "
                      "one value per column");
    } else {
        static_assert(std::tuple_size_v<Row> == sizeof...(MPs),
                      "retort: execute(insert<T>().columns<...>(), rows): each tuple needs one "
                      "value per column of columns<...>()");
        if constexpr (std::tuple_size_v<Row> == sizeof...(MPs)) {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                (check_bulk_value<MPs, std::remove_cvref_t<std::tuple_element_t<K, Row>>>(), ...);
            }(std::make_index_sequence<sizeof...(MPs)>{});
        }
    }
    return true;
}

/** What rows a bulk insert takes: models of T for the whole model, tuples for chosen columns. */
template <class T, class Cols, class Row>
consteval bool check_bulk_rows() {
    if constexpr (std::is_same_v<Cols, model_insert_columns<T>>) {
        static_assert(std::is_same_v<Row, T>,
                      "retort: execute(insert<T>(), rows) takes a range of T; for tuples of "
                      "values, name their columns: insert<T>().columns<&T::a, &T::b>()");
    } else {
        return check_bulk_tuple<T>(static_cast<Cols*>(nullptr), static_cast<Row*>(nullptr));
    }
    return true;
}

/**
 * The row_source of a bulk insert over a range: each call binds up to a batch of rows into
 * the driver's values, with strings made by type_traits kept in per-value scratch. Rows the
 * range hands out by value are kept for the batch, so the values may point into them.
 */
template <class T, class Cols, class R>
class bulk_rows final : public row_source {
    using iterator = std::ranges::iterator_t<R>;
    using sentinel = std::ranges::sentinel_t<R>;
    using reference = std::ranges::range_reference_t<R>;
    using row_type = std::remove_cvref_t<reference>;
    static constexpr bool by_value = !std::is_reference_v<reference>;
    static constexpr std::size_t width = bulk_target<T, Cols>::width;

public:
    explicit bulk_rows(R& rows) : it_(std::ranges::begin(rows)), end_(std::ranges::end(rows)) {}

    std::size_t next(std::span<value_view> out) override {
        const std::size_t capacity = out.size() / width;
        if (scratch_.size() < out.size()) scratch_.resize(out.size());
        if constexpr (by_value) {
            held_.clear();
            held_.reserve(capacity);  // no reallocation below: views into the rows stay valid
        }
        std::size_t r = 0;
        for (; r != capacity && it_ != end_; ++r, ++it_) {
            value_view* values = out.data() + r * width;
            std::string* scratch = scratch_.data() + r * width;
            if constexpr (by_value) {
                held_.push_back(*it_);
                bulk_binder<T, Cols>::bind(held_.back(), values, scratch);
            } else {
                bulk_binder<T, Cols>::bind(*it_, values, scratch);
            }
        }
        return r;
    }

private:
    iterator it_;
    sentinel end_;
    std::vector<std::string> scratch_;
    std::conditional_t<by_value, std::vector<row_type>, std::tuple<>> held_;
};

}  // namespace retort::detail
