// The parts of a flush that do not depend on a model: the UPDATE text for a set of changed
// columns, the orders a flush sorts by, and the errors it raises. Each model's table calls these
// instead of instantiating its own copy.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/errors.hpp"
#include "retort/schema/model.hpp"

namespace retort::orm::detail {

/** What the session's generic code needs of a model's record: its table, columns and key. */
struct table_info {
    std::string_view table_name;
    std::span<const retort::detail::column_info> columns;
    const retort::detail::key_info* primary_key;
};

/** `UPDATE t SET a = ?, b = ? WHERE key = ?` for the columns in `mask`, rendered with the
 *  writer the constant statements use. */
inline std::string update_sql(retort::detail::dialect_kind d, const table_info& t, std::uint64_t mask) {
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
        for (std::size_t k = 0; k != t.primary_key->size; ++k) {
            w.put(k == 0 ? " WHERE " : " AND ");
            retort::detail::put_ident(w, t.columns[t.primary_key->columns[k]].name);
            w.put(" = ");
            retort::detail::put_param(w);
        }
    };
    retort::detail::writer counter{info};
    render(counter);
    std::string out(counter.size(), '\0');
    retort::detail::writer w{info, out.data()};
    render(w);
    return out;
}

/**
 * The UPDATE texts of one model in one session, by dialect and set of changed columns. Each
 * text is built once per process and kept for its life (texts are few: one per set of columns
 * that actually change together), so a connection finds its prepared statement by address.
 */
class update_texts {
public:
    const std::string& get(retort::detail::dialect_kind d, const table_info& t, std::uint64_t mask) {
        const int di = d == retort::detail::dialect_kind::postgresql ? 1 : 0;
        auto& local = local_[di];
        if (auto it = local.find(mask); it != local.end()) return *it->second;
        const std::string& text = shared(d, t, mask);
        local.emplace(mask, &text);
        return text;
    }

private:
    static const std::string& shared(retort::detail::dialect_kind d, const table_info& t, std::uint64_t mask) {
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

    std::array<std::unordered_map<std::uint64_t, const std::string*>, 2> local_;
};

/** Sorts (order, object) pairs by order: how a flush puts objects in key or insertion order
 *  without an instantiation of the sort per model. */
inline void sort_by_order(std::vector<std::pair<std::uint64_t, void*>>& items) {
    std::sort(items.begin(), items.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
}

/** Integer keys sort as signed 64-bit values; the pair's first is their biased bits. */
constexpr std::uint64_t order_of_signed(std::int64_t v) noexcept {
    return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}

/** Sorts a vector of pointers by an integer order read from each, through one sort for all. */
template <class E, class Order>
void sort_pointers(std::vector<E*>& items, Order&& order) {
    if (items.size() < 2) return;
    std::vector<std::pair<std::uint64_t, void*>> keyed;
    keyed.reserve(items.size());
    for (E* e : items) keyed.emplace_back(order(*e), e);
    sort_by_order(keyed);
    for (std::size_t i = 0; i != items.size(); ++i) items[i] = static_cast<E*>(keyed[i].second);
}

[[noreturn]] inline void throw_stale_data(std::string_view what, std::string_view table, std::size_t expected,
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

[[noreturn]] inline void throw_primary_key_changed(std::string_view table) {
    throw session_error("primary_key_changed", "flush(): the primary key of a persistent " +
                                                   std::string(table) +
                                                   " object was changed; delete it and add a new one");
}

[[noreturn]] inline void throw_identity_conflict(std::string_view table) {
    throw session_error("identity_conflict", "flush(): two objects of " + std::string(table) +
                                                 " have the same primary key; merge() the second one "
                                                 "instead of adding it");
}

[[noreturn]] inline void throw_no_returning_row() {
    throw operational_error("insert_returning", "INSERT ... RETURNING returned no row");
}

}  // namespace retort::orm::detail
