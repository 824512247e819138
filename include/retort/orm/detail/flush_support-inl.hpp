// The definitions of flush_support.hpp, compiled into retort::retort by
// src/orm/flush_support.cpp (or inline with RETORT_HEADER_ONLY).
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "retort/detail/export.hpp"
#include "retort/detail/writer.hpp"
#include "retort/errors.hpp"
#include "retort/orm/detail/flush_support.hpp"
#include "retort/orm/detail/statements.hpp"

namespace retort::orm::detail {

RETORT_FUNC std::string update_sql(retort::detail::dialect_kind d, const table_info& t, std::uint64_t mask) {
    const auto& info = d == retort::detail::dialect_kind::postgresql ? retort::detail::postgresql_dialect
                                                                     : retort::detail::sqlite_dialect;
    auto render = [&](retort::detail::writer& w) {
        w.put("UPDATE ");
        retort::detail::put_ident(w, t.table_name);
        bool first = true;
        for (std::size_t c = 0; c != t.columns.size(); ++c) {
            if ((mask & (std::uint64_t{1} << c)) == 0) continue;
            w.put(first ? " SET " : ", ");
            first = false;
            retort::detail::put_ident(w, t.columns[c].name);
            w.put(" = ");
            retort::detail::put_param(w);
        }
        put_key_condition(w, *t.primary_key, t.columns);
    };
    retort::detail::writer counter{info};
    render(counter);
    std::string out(counter.size(), '\0');
    retort::detail::writer w{info, out.data()};
    render(w);
    return out;
}

RETORT_FUNC const std::string& update_texts::shared(retort::detail::dialect_kind d, const table_info& t,
                                                    std::uint64_t mask) {
    // A model's columns array is a constant with one address in the program: with the mask and
    // the dialect it names the text.
    struct key {
        const void* columns;
        std::uint64_t mask;
        int dialect;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept {
            return std::hash<const void*>{}(k.columns) ^ (k.mask * 0x9e3779b97f4a7c15ULL) ^
                   static_cast<std::size_t>(k.dialect);
        }
    };
    static std::mutex lock;
    static std::unordered_map<key, std::unique_ptr<const std::string>, key_hash> texts;
    std::lock_guard guard(lock);
    auto& slot = texts[key{t.columns.data(), mask, static_cast<int>(d)}];
    if (!slot) slot = std::make_unique<const std::string>(update_sql(d, t, mask));
    return *slot;
}

RETORT_FUNC void sort_by_order(std::vector<std::pair<std::uint64_t, void*>>& items) {
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

RETORT_FUNC void sort_entries(std::vector<entry_base*>& items, bool (*less)(const entry_base*, const entry_base*)) {
    std::sort(items.begin(), items.end(), less);
}

RETORT_FUNC void throw_stale_data(std::string_view what, std::string_view table, std::size_t expected,
                                  std::int64_t affected) {
    if (expected == 1) {
        throw session_error("stale_data", std::string(what) + " of one " + std::string(table) +
                                              " row by primary key matched " + std::to_string(affected) +
                                              " rows; the row was changed or deleted outside this session");
    }
    throw session_error("stale_data", std::string(what) + " of " + std::to_string(expected) + " " +
                                          std::string(table) + " row(s) by primary key matched " +
                                          std::to_string(affected) +
                                          "; a row was changed or deleted outside this session");
}

RETORT_FUNC void throw_primary_key_changed(std::string_view table) {
    throw session_error("primary_key_changed", "flush(): the primary key of a persistent " +
                                                   std::string(table) +
                                                   " object was changed; delete it and add a new one");
}

RETORT_FUNC void throw_identity_conflict(std::string_view table) {
    throw session_error("identity_conflict", "flush(): two objects of " + std::string(table) +
                                                 " have the same primary key; merge() the second one "
                                                 "instead of adding it");
}

RETORT_FUNC void throw_no_returning_row() {
    throw operational_error("insert_returning", "INSERT ... RETURNING returned no row");
}

}  // namespace retort::orm::detail
