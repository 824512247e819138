// Result rows decoded straight into models and tuples: each cell into its field, in place.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/export.hpp"
#include "retort/engine/result.hpp"
#include "retort/errors.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/** Reads one cell into `field`. Text into a std::string reuses the string's buffer (a row
 *  decoded into the same object again allocates nothing); everything else, and every error,
 *  goes through `type_traits<F>::from_value`. */
template <class F>
inline void read_cell(F& field, const value_view& v) {
    if constexpr (std::is_same_v<F, std::string>) {
        if (v.type == value_type::text) {
            field.assign(v.bytes.data(), v.bytes.size());
            return;
        }
    } else if constexpr (std::is_same_v<F, std::optional<std::string>>) {
        if (v.type == value_type::text) {
            if (field) {
                field->assign(v.bytes.data(), v.bytes.size());
            } else {
                field.emplace(v.bytes);
            }
            return;
        }
    }
    field = type_traits<F>::from_value(v);
}

/** Rethrows a codec error as data_error naming the column (`table.column` for models). */
[[noreturn]] RETORT_API void throw_cell_error(const error& e, std::string_view table,
                                             std::string_view column, std::size_t index,
                                             std::int64_t row_number, std::string_view sql);

/** data_error: the statement's result type reads `want` columns, the query returned `got`. */
[[noreturn]] RETORT_API void throw_result_width_error(std::size_t want, std::size_t got,
                                                     std::string_view sql);

/** Where a decoding error happened, for its message; looked at only when one does. */
struct row_context {
    const result* from = nullptr;  // column names (as the database gives them) and row number
    std::string_view sql;

    [[nodiscard]] std::int64_t row_number() const noexcept { return from->row_number(); }
    [[nodiscard]] std::string_view column(std::size_t i) const noexcept {
        const auto names = from->columns();
        return i < names.size() ? std::string_view(names[i]) : std::string_view("?");
    }
};

/**
 * How a row becomes an R: `width` cells, read by `read(R&, row, context)` into an existing
 * object. Models: column c into the field that maps it (model<M>::field_of_column), through
 * the reflected fields, relationship members untouched. Tuples: cell i into element i.
 */
template <class R>
struct row_reader {
    using m = model<R>;
    static_assert(std::default_initializable<R>,
                  "retort: a model read from a result must be default-constructible");
    static constexpr std::size_t width = m::column_count;

    static void read(R& out, std::span<const value_view> row, const row_context& ctx) {
        std::size_t at = 0;
        try {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                reflect::visit_fields(out, [&](auto&... fields) {
                    (read_field<I>(fields, row, at), ...);
                });
            }(std::make_index_sequence<m::field_count>{});
        } catch (const error& e) {
            throw_cell_error(e, m::table_name, m::columns[at].name, at, ctx.row_number(), ctx.sql);
        }
    }

private:
    template <std::size_t I, class F>
    static void read_field(F& field, std::span<const value_view> row, std::size_t& at) {
        if constexpr (m::is_column[I]) {
            constexpr std::size_t c = m::column_of_field[I];
            at = c;
            read_cell(field, row[c]);
        }
    }
};

template <class... Ts>
struct row_reader<std::tuple<Ts...>> {
    static_assert((std::default_initializable<Ts> && ...),
                  "retort: every column type read from a result must be default-constructible");
    static_assert((decodable<Ts> && ...),
                  "retort: a result column cannot be read into this type: it has no "
                  "retort::type_traits from_value");
    static constexpr std::size_t width = sizeof...(Ts);

    static void read(std::tuple<Ts...>& out, std::span<const value_view> row,
                     const row_context& ctx) {
        std::size_t at = 0;
        try {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((at = I, read_cell(std::get<I>(out), row[I])), ...);
            }(std::index_sequence_for<Ts...>{});
        } catch (const error& e) {
            throw_cell_error(e, {}, ctx.column(at), at, ctx.row_number(), ctx.sql);
        }
    }
};

template <class R>
inline constexpr bool is_tuple_v = false;
template <class... Ts>
inline constexpr bool is_tuple_v<std::tuple<Ts...>> = true;

}  // namespace retort::detail

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/decode-inl.hpp"
#endif
