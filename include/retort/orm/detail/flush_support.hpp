// The parts of a flush that do not depend on a model: the UPDATE text for a set of changed
// columns, the orders a flush sorts by, and the errors it raises. Each model's table calls these
// instead of instantiating its own copy; they are compiled into retort::retort.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/dialect/dialect.hpp"
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
RETORT_API std::string update_sql(retort::detail::dialect_kind d, const table_info& t, std::uint64_t mask);

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
        for (const auto& [m, text] : local)
            if (m == mask) return *text;
        const std::string& text = shared(d, t, mask);
        local.emplace_back(mask, &text);
        return text;
    }

private:
    /** The process-wide copy of a text, made on first use (thread-safe). */
    RETORT_API static const std::string& shared(retort::detail::dialect_kind d, const table_info& t,
                                                std::uint64_t mask);

    // Few sets of columns change together in a program: a short list beats a hash map.
    std::array<std::vector<std::pair<std::uint64_t, const std::string*>>, 2> local_;
};

/** Sorts (order, object) pairs by order: how a flush puts objects in key or insertion order
 *  without an instantiation of the sort per model. */
RETORT_API void sort_by_order(std::vector<std::pair<std::uint64_t, void*>>& items);

struct entry_base;

/** Sorts entries with `less`: one sort for every model whose key is not one integer. */
RETORT_API void sort_entries(std::vector<entry_base*>& items, bool (*less)(const entry_base*, const entry_base*));

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

/** `what` (UPDATE, DELETE) of `expected` rows by primary key matched `affected`. */
[[noreturn]] RETORT_API void throw_stale_data(std::string_view what, std::string_view table,
                                              std::size_t expected, std::int64_t affected);
[[noreturn]] RETORT_API void throw_primary_key_changed(std::string_view table);
[[noreturn]] RETORT_API void throw_identity_conflict(std::string_view table);
[[noreturn]] RETORT_API void throw_no_returning_row();

}  // namespace retort::orm::detail

#ifdef RETORT_HEADER_ONLY
#include "retort/orm/detail/flush_support-inl.hpp"
#endif
