// A model's table and column names as written in SQL, quoted where needed, computed once.
#pragma once

#include <cstddef>
#include <string_view>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/schema/model.hpp"

namespace retort::detail {

/** Pieces of text one after another; piece k ends at ends[k], the first starts at 0. */
template <std::size_t N, std::size_t K>
struct text_pieces {
    char chars[N == 0 ? 1 : N]{};
    std::size_t ends[K]{};
    [[nodiscard]] constexpr std::string_view get(std::size_t k) const {
        const std::size_t begin = k == 0 ? 0 : ends[k - 1];
        return {chars + begin, ends[k] - begin};
    }
};

/** Copies piece `k` of `t` to `t.chars + at`; returns the end. */
template <std::size_t N, std::size_t K>
constexpr std::size_t append_piece(text_pieces<N, K>& t, std::size_t at, std::size_t k) {
    const std::size_t begin = k == 0 ? 0 : t.ends[k - 1];
    for (std::size_t i = begin; i != t.ends[k]; ++i) t.chars[at++] = t.chars[i];
    return at;
}

/** The names of model M as written in SQL: its columns, then its table. */
template <class M>
constexpr std::string_view raw_name(std::size_t i) {
    return i == model<M>::column_count ? model<M>::table_name : model<M>::columns[i].name;
}

/** The lengths of M's quoted names, a running total per name (the first pass of quoted_names). */
template <class M>
consteval text_pieces<0, model<M>::column_count + 1> quoted_lengths() {
    text_pieces<0, model<M>::column_count + 1> out{};
    writer w{sqlite_dialect};
    for (std::size_t i = 0; i != model<M>::column_count + 1; ++i) {
        put_ident(w, raw_name<M>(i));
        out.ends[i] = w.size();
    }
    return out;
}

/*
 * The names of a model's columns and table, quoted where needed, computed once per model, with
 * the qualified spellings built from them: `table.column` for each column, and the whole
 * select list both ways (`t.a, t.b` and `a, b`), so that a column or a model's columns render
 * with one write. Names are the same on every dialect, and the quoting check (a search among
 * the reserved words) would otherwise run for every name of every statement; constant
 * evaluation is much of what a statement costs to compile.
 */
template <class M>
struct quoted_names {
    static constexpr std::size_t n = model<M>::column_count;
    // Pieces: n columns, the table, n qualified columns, the qualified list, the plain list.
    static constexpr std::size_t pieces = 2 * n + 3;
    static constexpr auto lengths = quoted_lengths<M>();

    static consteval std::size_t total_size() {
        const std::size_t names = n == 0 ? 0 : lengths.ends[n - 1];
        const std::size_t table = lengths.ends[n] - names;
        const std::size_t qualified = n * (table + 1) + names;
        const std::size_t separators = n == 0 ? 0 : 2 * (n - 1);
        return names + table + qualified + (qualified + separators) + (names + separators);
    }
    static consteval text_pieces<total_size(), pieces> build() {
        text_pieces<total_size(), pieces> out{};
        writer w{sqlite_dialect, out.chars, total_size()};
        for (std::size_t i = 0; i != n + 1; ++i) {
            put_ident(w, raw_name<M>(i));
            out.ends[i] = w.size();
        }
        std::size_t at = w.size();
        for (std::size_t i = 0; i != n; ++i) {
            at = append_piece(out, at, n);
            out.chars[at++] = '.';
            out.ends[n + 1 + i] = at = append_piece(out, at, i);
        }
        for (std::size_t list = 0; list != 2; ++list) {
            for (std::size_t i = 0; i != n; ++i) {
                if (i != 0) {
                    out.chars[at++] = ',';
                    out.chars[at++] = ' ';
                }
                at = append_piece(out, at, list == 0 ? n + 1 + i : i);
            }
            out.ends[2 * n + 1 + list] = at;
        }
        return out;
    }
    static constexpr auto text = build();

    /** Writes piece `k` (see above) in one call: what rendering a column costs. */
    static constexpr void put(writer& w, std::size_t k) {
        const std::size_t begin = k == 0 ? 0 : text.ends[k - 1];
        w.put(text.chars + begin, text.ends[k] - begin);
    }

    static constexpr std::string_view column(std::size_t i) { return text.get(i); }
    static constexpr std::string_view table() { return text.get(n); }
    /** `table.column` */
    static constexpr std::string_view qualified(std::size_t i) { return text.get(n + 1 + i); }
    /** Every column: `table.a, table.b` when `qualify`, else `a, b`. */
    static constexpr std::string_view all(bool qualify) {
        return text.get(qualify ? 2 * n + 1 : 2 * n + 2);
    }
};

}  // namespace retort::detail
