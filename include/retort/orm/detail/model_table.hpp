// One model's part of a flush: INSERTs with RETURNING, UPDATEs of changed columns, DELETEs,
// each bracketed by its events; and the journal that commit clears and rollback restores.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/errors.hpp"
#include "retort/orm/detail/identity_map.hpp"
#include "retort/orm/detail/relationships.hpp"
#include "retort/orm/detail/statements.hpp"
#include "retort/orm/events.hpp"
#include "retort/schema/ddl.hpp"

namespace retort::orm::detail {

/** Fires the model hook, the global listeners and the session's listeners, in that order. */
template <class T>
struct event_sink {
    session* owner = nullptr;
    const listeners<T>* local = nullptr;

    template <event E>
    void fire(T& obj) const {
        call_hook<E>(obj);
        {
            const auto& global = global_listeners<T>::get();
            if (!global.empty(E)) global.fire(E, obj, *owner);
        }
        if (local != nullptr && !local->empty(E)) local->fire(E, obj, *owner);
    }
};

/** The type indices of the models T has foreign keys to. */
template <class T>
std::vector<std::type_index> foreign_key_targets() {
    std::vector<std::type_index> out;
    retort::detail::for_each_option<T>([&]<std::size_t K>() {
        using O = std::remove_cvref_t<decltype(std::get<K>(retort::table<T>.options))>;
        if constexpr (retort::detail::is_column_def<O>::value) {
            if constexpr (!std::is_same_v<typename O::fk_type, retort::detail::no_fk>) {
                using target = typename O::fk_type::target_class;
                if constexpr (!std::is_same_v<target, T>) out.emplace_back(typeid(target));
            }
        }
    });
    return out;
}

template <class T>
class model_table final : public table_base {
    static_assert(model<T>::has_primary_key,
                  "the session needs a primary key to track objects of this model: add an `id` "
                  "member or a retort::primary_key<...> to retort::table<T>");

public:
    using entry_type = entry<T>;
    using M = model<T>;

    table_storage<T> storage;
    listeners<T> local;

    [[nodiscard]] std::type_index type() const override { return typeid(T); }
    [[nodiscard]] const std::vector<std::type_index>& depends_on() const override {
        static const std::vector<std::type_index> targets = foreign_key_targets<T>();
        return targets;
    }
    [[nodiscard]] bool has_pending() const override { return !storage.pending_empty(); }

    void request_remove(entry_type& e) {
        e.remove_requested = true;
        removing_.push_back(&e);
    }

    // ---- INSERT -------------------------------------------------------------------------

    void flush_inserts(connection& conn, const event_sink<T>& events) {
        // Objects added by listeners during this loop are inserted too: iterate by index.
        for (std::size_t i = 0; i < storage.pending().size();) {
            entry_type& e = *storage.pending()[i];
            storage.journal(e);
            e.journal_columns = snapshot_of(e.object);
            events.template fire<event::before_insert>(e.object);
            if (has_generated_key() && !key_is_set(e.object))
                insert<false>(conn, e);
            else
                insert<true>(conn, e);
            if (entry_type* other = storage.find(key_of(e.object)); other != nullptr && other != &e) {
                throw session_error("identity_conflict",
                                    "flush(): two objects of " + std::string(M::table_name) +
                                        " have the same primary key; merge() the second one "
                                        "instead of adding it");
            }
            e.state = object_state::persistent;
            e.snapshot = snapshot_of(e.object);
            storage.index(e);
            storage.drop_pending(e);
            events.template fire<event::after_insert>(e.object);
        }
    }

    // ---- UPDATE -------------------------------------------------------------------------

    void flush_updates(connection& conn, const event_sink<T>& events) {
        for (auto& [key, ep] : storage.identity()) {
            entry_type& e = *ep;
            if (e.state != object_state::persistent || e.remove_requested || !e.snapshot) continue;
            std::uint64_t mask = changed_columns(e.object, *e.snapshot);
            if (mask == 0) continue;
            storage.journal(e);
            events.template fire<event::before_update>(e.object);
            mask = changed_columns(e.object, *e.snapshot);
            if ((mask & key_mask()) != 0) {
                throw session_error("primary_key_changed",
                                    "flush(): the primary key of a persistent " +
                                        std::string(M::table_name) +
                                        " object was changed; delete it and add a new one");
            }
            const std::string& sql = update_text(conn.dialect(), mask);
            params_.clear();
            scratch_.clear();
            for_each_column<T>([&](auto c) {
                constexpr std::size_t C = decltype(c)::value;
                if ((mask & (std::uint64_t{1} << C)) != 0) bind_column<T, C>(e.object, params_, scratch_);
            });
            bind_key(e.object);
            auto r = conn.execute_text(sql, params_);
            check_one_row(r.rows_affected(), "UPDATE");
            e.snapshot = snapshot_of(e.object);
            events.template fire<event::after_update>(e.object);
        }
    }

    // ---- DELETE -------------------------------------------------------------------------

    void flush_deletes(connection& conn, const event_sink<T>& events) {
        for (std::size_t i = 0; i < removing_.size(); ++i) {
            entry_type& e = *removing_[i];
            if (!e.remove_requested || e.state != object_state::persistent) continue;
            storage.journal(e);
            events.template fire<event::before_delete>(e.object);
            const std::string_view sql = text_for<delete_by_key_node<T>>(conn.dialect());
            params_.clear();
            scratch_.clear();
            bind_key(e.object);
            auto r = conn.execute_prepared(sql.data(), sql.size(), params_);
            check_one_row(r.rows_affected(), "DELETE");
            e.remove_requested = false;
            e.state = object_state::deleted;
            storage.unindex(e);
            events.template fire<event::after_delete>(e.object);
        }
        removing_.clear();
    }

    // ---- transaction end ------------------------------------------------------------------

    void commit_journal() override {
        for (entry_type* e : storage.journaled()) {
            if (e->state == object_state::deleted) e->state = object_state::detached;
            e->journaled = false;
            e->journal_snapshot.reset();
            e->journal_columns.reset();
        }
        storage.journaled().clear();
    }

    /*
     * Rollback puts every object the transaction touched back where it stood when the
     * transaction began, keeping the user's own changes: an inserted object is pending again
     * (its generated key and server defaults cleared, so a retry inserts it anew), an updated
     * one is dirty again against its old snapshot, a deleted one is persistent again.
     */
    void rollback_journal() override {
        auto& journal = storage.journaled();
        for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
            entry_type& e = **it;
            e.journaled = false;
            if (e.state == object_state::detached) {  // expunged meanwhile: stays out
                e.journal_snapshot.reset();
                e.journal_columns.reset();
                continue;
            }
            const bool remove_intent = e.remove_requested || e.state == object_state::deleted;
            if (e.journal_state == object_state::pending) {
                // Never committed: back to pending, unless the user removed it meanwhile.
                if (e.state != object_state::pending) {
                    storage.unindex(e);
                    restore_returned_columns(e);
                    e.snapshot.reset();
                }
                e.remove_requested = false;
                if (remove_intent) {
                    storage.drop_pending(e);
                    e.state = object_state::detached;
                } else if (e.state != object_state::pending) {
                    e.state = object_state::pending;
                    storage.pending().push_back(&e);
                }
            } else {
                if (e.state == object_state::deleted) storage.index(e);
                e.state = object_state::persistent;
                e.snapshot = e.journal_snapshot;
                e.remove_requested = remove_intent;
            }
            e.journal_snapshot.reset();
            e.journal_columns.reset();
        }
        journal.clear();
        // Pending objects go back in the order they were added.
        auto& pending = storage.pending();
        std::sort(pending.begin(), pending.end(),
                  [](const entry_type* a, const entry_type* b) { return a->sequence < b->sequence; });
        for (entry_type& e : storage.entries())
            if (e.remove_requested && e.state == object_state::persistent &&
                std::find(removing_.begin(), removing_.end(), &e) == removing_.end())
                removing_.push_back(&e);
    }

    /** Expired objects lose unflushed changes (as in SQLAlchemy) and are overwritten by the
     *  next row read for them. */
    void expire(entry_type& e) {
        if (e.snapshot) restore_snapshot(e.object, *e.snapshot);
        e.expired = true;
    }
    void expire_all() override {
        for (auto& [key, e] : storage.identity()) expire(*e);
    }

    void detach_all() override {
        for (entry_type& e : storage.entries()) e.state = object_state::detached;
        storage.identity().clear();
        storage.pending().clear();
        storage.journaled().clear();
        removing_.clear();
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Puts a row read from the database through the identity map. */
    entry_type& merge_loaded(T&& loaded, bool populate_existing) {
        if (entry_type* e = storage.find(key_of(loaded))) {
            if (e->expired || populate_existing || e->state == object_state::detached) {
                copy_columns(e->object, loaded);
                e->snapshot = snapshot_of(e->object);
                e->expired = false;
                if (e->state == object_state::detached) e->state = object_state::persistent;
            }
            return *e;
        }
        auto& e = storage.add_persistent(std::move(loaded));
        prepare_loaded(e.object);
        return e;
    }

    void bind_key(const T& obj) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (bind_column<T, M::primary_key.columns[K]>(obj, params_, scratch_), ...);
        }(std::make_index_sequence<M::primary_key.size>{});
    }

    std::vector<value_view>& params() { return params_; }
    std::deque<std::string>& scratch() { return scratch_; }

private:
    static constexpr bool has_generated_key() { return M::autoincrement_column != retort::detail::npos; }

    /** An integer key counts as set when it is not zero (the value-initialised default). */
    static bool key_is_set(const T& obj) {
        if constexpr (has_generated_key()) {
            return field<field_of_column<T, M::autoincrement_column>>(obj) != 0;
        } else {
            return true;
        }
    }

    static constexpr std::uint64_t key_mask() {
        std::uint64_t m = 0;
        for (std::size_t k = 0; k != M::primary_key.size; ++k) m |= std::uint64_t{1} << M::primary_key.columns[k];
        return m;
    }

    template <bool WithKey>
    void insert(connection& conn, entry_type& e) {
        const std::string_view sql = text_for<insert_node<T, WithKey>>(conn.dialect());
        params_.clear();
        scratch_.clear();
        for_each_column<T>([&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            if constexpr (sent_on_insert<T, WithKey>(C)) bind_column<T, C>(e.object, params_, scratch_);
        });
        auto r = conn.execute_prepared(sql.data(), sql.size(), params_);
        if constexpr (returned_count<WithKey>() != 0) {
            if (!r.has_row())
                throw operational_error("insert_returning", "INSERT ... RETURNING returned no row");
            std::size_t i = 0;
            for_each_column<T>([&](auto c) {
                constexpr std::size_t C = decltype(c)::value;
                if constexpr (returned_on_insert<T, WithKey>(C))
                    decode_column<T, C>(e.object, r.row()[i], r.columns(), i, r.row_number()), ++i;
            });
        }
    }

    template <bool WithKey>
    static constexpr std::size_t returned_count() {
        std::size_t n = 0;
        for (std::size_t c = 0; c != M::column_count; ++c) n += returned_on_insert<T, WithKey>(c);
        return n;
    }

    void restore_returned_columns(entry_type& e) {
        if (!e.journal_columns) return;
        for_each_column<T>([&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            if constexpr (returned_on_insert<T, false>(C))
                field<field_of_column<T, C>>(e.object) = std::get<C>(*e.journal_columns);
        });
    }

    const std::string& update_text(retort::detail::dialect_kind d, std::uint64_t mask) {
        auto& cache = updates_[d == retort::detail::dialect_kind::postgresql ? 1 : 0];
        auto it = cache.find(mask);
        if (it == cache.end()) it = cache.emplace(mask, update_sql<T>(d, mask)).first;
        return it->second;
    }

    static void check_one_row(std::int64_t affected, std::string_view what) {
        if (affected != 1) {
            throw session_error("stale_data",
                                std::string(what) + " of one " + std::string(M::table_name) +
                                    " row by primary key matched " + std::to_string(affected) +
                                    " rows; the row was changed or deleted outside this session");
        }
    }

    std::vector<entry_type*> removing_;
    std::vector<value_view> params_;
    std::deque<std::string> scratch_;
    std::array<std::unordered_map<std::uint64_t, std::string>, 2> updates_;  // by dialect, mask
};

}  // namespace retort::orm::detail
