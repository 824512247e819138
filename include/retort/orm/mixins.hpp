// Ready-made mixins built on model hooks: automatic timestamps and soft delete.
#pragma once

#include <chrono>
#include <optional>

#include "retort/types/traits.hpp"

namespace retort {

/**
 * `created_at` and `updated_at`, kept by the session: both set when the object is inserted,
 * `updated_at` again on every update. Inherit it and list the members with
 * BOOST_HANA_ADAPT_STRUCT:
 *
 *     struct Note : retort::timestamps { std::int64_t id = 0; std::string text; };
 *     BOOST_HANA_ADAPT_STRUCT(Note, id, text, created_at, updated_at);
 */
struct timestamps {
    retort::timestamp created_at{};
    retort::timestamp updated_at{};

    void before_insert() {
        created_at = now();
        updated_at = created_at;
    }
    void before_update() { updated_at = now(); }

    static retort::timestamp now() {
        return std::chrono::time_point_cast<std::chrono::microseconds>(
            std::chrono::system_clock::now());
    }
};

/**
 * Soft delete: `session::remove()` sets `deleted_at` instead of deleting the row, and the
 * session's queries of the model leave such rows out unless asked
 * (`s.scalars(q, retort::include_deleted)`).
 */
struct soft_delete {
    std::optional<retort::timestamp> deleted_at;

    [[nodiscard]] bool is_deleted() const noexcept { return deleted_at.has_value(); }
};

template <class T>
concept soft_deletable = std::is_base_of_v<soft_delete, T>;

/** Tag for session queries that should also return soft-deleted rows. */
struct include_deleted_t {};
inline constexpr include_deleted_t include_deleted{};

}  // namespace retort
