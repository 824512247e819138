// One model's part of a flush: INSERTs with RETURNING, UPDATEs of changed columns, DELETEs,
// each bracketed by its events; and the journal that commit clears and rollback restores.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/decode.hpp"
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

    /** Whether anything listens to E for T (hooks are known at compile time). */
    template <event E>
    [[nodiscard]] bool listened() const {
        return has_hook<E, T>() || !global_listeners<T>::get().empty(E) ||
               (local != nullptr && !local->empty(E));
    }

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

    explicit model_table(session& owner) : table_base(owner) {}

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

    /**
     * INSERTs of the pending objects, in the order they were added: before_insert for each,
     * then the rows as batches of one statement (on PostgreSQL pipelined, many rows per round
     * trip, as SQLAlchemy's insertmanyvalues), each RETURNING row read into its object, then
     * after_insert for each. Objects that listeners add meanwhile are inserted too.
     */
    void flush_inserts(connection& conn) override {
        const event_sink<T> events{owner_, &local};
        auto& pending = storage.pending();
        // Inserted objects leave the pending list once at the end (also when an INSERT throws:
        // what was inserted is persistent, and rollback puts it back), not one erase each.
        struct trim {
            std::vector<entry_type*>& list;
            ~trim() {
                std::erase_if(list, [](const entry_type* e) { return e->state != object_state::pending; });
            }
        } guard{pending};
        std::size_t done = 0;
        while (done < pending.size()) {
            const std::size_t end = pending.size();
            for (std::size_t i = done; i != end; ++i) {
                entry_type& e = *pending[i];
                storage.journal(e).columns = storage.snapshot(e.object);
                events.template fire<event::before_insert>(e.object);
            }
            // Runs of one statement: objects with a generated key not set, or the others.
            for (std::size_t i = done; i != end;) {
                const bool with_key = !generates_key(pending[i]->object);
                std::size_t j = i + 1;
                while (j != end && !generates_key(pending[j]->object) == with_key) ++j;
                if (with_key)
                    insert_run<true>(conn, pending.data() + i, j - i);
                else
                    insert_run<false>(conn, pending.data() + i, j - i);
                i = j;
            }
            for (std::size_t i = done; i != end; ++i) events.template fire<event::after_insert>(pending[i]->object);
            done = end;
        }
    }

    // ---- UPDATE -------------------------------------------------------------------------

    /**
     * UPDATEs of the objects whose columns differ from their snapshots, in primary-key order
     * (as SQLAlchemy does: a stable order keeps concurrent flushes from deadlocking), objects
     * with the same changed columns next to each other sent as one batch (pipelined on
     * PostgreSQL). before_update fires for each before the batch, after_update after it.
     */
    void flush_updates(connection& conn) override {
        const event_sink<T> events{owner_, &local};
        dirty_.clear();
        for (entry_type& e : storage.entries()) {
            if (e.state != object_state::persistent || e.remove_requested || !e.snapshot) continue;
            if (changed_columns(e.object, *e.snapshot) != 0) dirty_.push_back(&e);
        }
        if (dirty_.empty()) return;
        if constexpr (ordered_key<key_t<T>>) {
            std::sort(dirty_.begin(), dirty_.end(), [](const entry_type* a, const entry_type* b) {
                return key_of(a->object) < key_of(b->object);
            });
        }
        for (entry_type* e : dirty_) {
            storage.journal(*e);
            events.template fire<event::before_update>(e->object);  // may change more columns
        }
        runs_.clear();
        for (entry_type* e : dirty_) {
            const std::uint64_t mask = changed_columns(e->object, *e->snapshot);
            if (mask == 0) continue;  // a listener put it back
            if ((mask & key_mask()) != 0) {
                throw session_error("primary_key_changed",
                                    "flush(): the primary key of a persistent " +
                                        std::string(M::table_name) +
                                        " object was changed; delete it and add a new one");
            }
            runs_.push_back({e, mask});
        }
        for (std::size_t i = 0; i != runs_.size();) {
            std::size_t j = i + 1;
            while (j != runs_.size() && runs_[j].mask == runs_[i].mask) ++j;
            update_run(conn, runs_.data() + i, j - i);
            i = j;
        }
        for (const auto& u : runs_) {
            storage.resnapshot(*u.e, u.mask);
            events.template fire<event::after_update>(u.e->object);
        }
    }

    // ---- DELETE -------------------------------------------------------------------------

    void flush_deletes(connection& conn) override {
        const event_sink<T> events{owner_, &local};
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

    // Defined in graph.hpp, beside the graph operations they run.
    bool adopt() override;
    void cascade() override;

    // ---- transaction end ------------------------------------------------------------------

    void commit_journal() override {
        for (auto& rec : storage.journaled()) {
            if (rec.e->state == object_state::deleted) rec.e->state = object_state::detached;
            rec.e->journaled = false;
        }
        storage.journaled().clear();
        storage.compact_snapshots();
    }

    /*
     * Rollback puts every object the transaction touched back where it stood when the
     * transaction began, keeping the user's own changes: an inserted object is pending again
     * (its generated key and server defaults cleared, so a retry inserts it anew), an updated
     * one is dirty again against its old snapshot, a removed one is still to be removed.
     */
    void rollback_journal() override {
        auto& journal = storage.journaled();
        bool removals = false;
        for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
            auto& rec = *it;
            entry_type& e = *rec.e;
            e.journaled = false;
            if (e.state == object_state::detached) continue;  // expunged meanwhile: stays out
            const bool remove_intent = e.remove_requested || e.state == object_state::deleted;
            removals |= remove_intent;
            if (rec.state == object_state::pending) {
                // Never committed: back to pending, unless the user removed it meanwhile.
                if (e.state != object_state::pending) {
                    storage.unindex(e);
                    if (rec.columns) restore_returned_columns(e, *rec.columns);
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
                e.snapshot = std::move(rec.snapshot);
                e.remove_requested = remove_intent;
            }
        }
        journal.clear();
        // Pending objects go back in the order they were added.
        auto& pending = storage.pending();
        std::sort(pending.begin(), pending.end(),
                  [](const entry_type* a, const entry_type* b) { return a->sequence < b->sequence; });
        if (!removals) return;
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
        for (entry_type& e : storage.entries())
            if (e.state == object_state::persistent) expire(e);
    }

    void detach_all() override {
        storage.detach_all();
        removing_.clear();
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Puts a row of T's columns through the identity map: the key is read first, and an
     * object already held keeps its values (unless expired or `populate_existing`) without
     * the rest of the row being decoded; a new row is decoded straight into the session's
     * storage and becomes a persistent object without a copy.
     */
    entry_type& merge_row(std::span<const value_view> row, const retort::detail::row_context& ctx,
                          bool populate_existing) {
        if (entry_type* e = storage.find(key_from_row(row, ctx))) {
            if (e->expired || populate_existing || e->state == object_state::detached) {
                T& slot = read_into_slot(row, ctx);
                copy_columns(e->object, slot);
                storage.drop_loaded_slot();
                e->snapshot.emplace(storage.snapshot(e->object));
                e->expired = false;
                if (e->state == object_state::detached) e->state = object_state::persistent;
            }
            return *e;
        }
        auto& e = storage.add_persistent_slot(read_into_slot(row, ctx));
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
    T& read_into_slot(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        T& slot = storage.loaded_slot();
        try {
            retort::detail::row_reader<T>::read(slot, row, ctx);
        } catch (...) {
            storage.drop_loaded_slot();
            throw;
        }
        return slot;
    }

    static key_t<T> key_from_row(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        return [&]<std::size_t... K>(std::index_sequence<K...>) {
            return key_t<T>{key_cell<M::primary_key.columns[K]>(row, ctx)...};
        }(std::make_index_sequence<M::primary_key.size>{});
    }
    template <std::size_t C>
    static column_field_t<T, C> key_cell(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        column_field_t<T, C> v{};
        try {
            retort::detail::read_cell(v, row[C]);
        } catch (const error& e) {
            retort::detail::throw_cell_error(e, M::table_name, M::columns[C].name, C, ctx.row_number(), ctx.sql);
        }
        return v;
    }

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

    static bool generates_key(const T& obj) { return has_generated_key() && !key_is_set(obj); }

    /** The values of `count` objects' sent columns, a batch at a time (valid until the next). */
    template <bool WithKey>
    struct insert_values final : row_source {
        static constexpr std::size_t width = [] {
            std::size_t n = 0;
            for (std::size_t c = 0; c != M::column_count; ++c) n += sent_on_insert<T, WithKey>(c);
            return n;
        }();
        entry_type* const* entries;
        std::size_t count;
        std::deque<std::string>& scratch;
        std::size_t next_row = 0;

        insert_values(entry_type* const* e, std::size_t n, std::deque<std::string>& s)
            : entries(e), count(n), scratch(s) {}

        std::size_t next(std::span<value_view> out) override {
            scratch.clear();
            std::size_t rows = 0;
            for (; next_row != count && (rows + 1) * width <= out.size(); ++rows, ++next_row) {
                const T& obj = entries[next_row]->object;
                std::size_t k = rows * width;
                for_each_column<T>([&](auto c) {
                    constexpr std::size_t C = decltype(c)::value;
                    if constexpr (sent_on_insert<T, WithKey>(C)) {
                        scratch.emplace_back();
                        out[k++] = type_traits<column_field_t<T, C>>::to_value(
                            field<field_of_column<T, C>>(obj), scratch.back());
                    }
                });
            }
            return rows;
        }
    };

    /** Reads each RETURNING row into its object and makes it persistent as it arrives, so a
     *  failure later in the batch leaves earlier objects where rollback expects them. */
    template <bool WithKey>
    struct returned_rows final : batch_sink {
        model_table& table;
        entry_type* const* entries;
        std::exception_ptr failure;

        returned_rows(model_table& t, entry_type* const* e) : table(t), entries(e) {}

        void row(std::size_t index, std::span<const value_view> cells) override {
            if (failure) return;
            try {
                entry_type& e = *entries[index];
                std::size_t i = 0;
                for_each_column<T>([&](auto c) {
                    constexpr std::size_t C = decltype(c)::value;
                    if constexpr (returned_on_insert<T, WithKey>(C))
                        decode_column<T, C>(e.object, cells[i], {}, i, static_cast<std::int64_t>(index)), ++i;
                });
                table.inserted(e);
            } catch (...) {
                failure = std::current_exception();
            }
        }
    };

    template <bool WithKey>
    void insert_run(connection& conn, entry_type* const* entries, std::size_t count) {
        const std::string_view sql = text_for<insert_node<T, WithKey>>(conn.dialect());
        insert_values<WithKey> values(entries, count, scratch_);
        returned_rows<WithKey> sink(*this, entries);
        conn.execute_batch(sql.data(), sql.size(), values, insert_values<WithKey>::width, sink);
        if (sink.failure) std::rethrow_exception(sink.failure);
        for (std::size_t i = 0; i != count; ++i) {
            entry_type& e = *entries[i];
            if constexpr (returned_count<WithKey>() != 0) {
                if (e.state == object_state::pending)
                    throw operational_error("insert_returning", "INSERT ... RETURNING returned no row");
            } else {
                inserted(e);
            }
        }
    }

    struct pending_update {
        entry_type* e;
        std::uint64_t mask;
    };

    /** The changed columns, then the key, of a run of updates with the same columns. */
    struct update_values final : row_source {
        const pending_update* updates;
        std::size_t count;
        std::size_t width;
        std::deque<std::string>& scratch;
        std::size_t next_row = 0;

        update_values(const pending_update* u, std::size_t n, std::size_t w, std::deque<std::string>& s)
            : updates(u), count(n), width(w), scratch(s) {}

        std::size_t next(std::span<value_view> out) override {
            scratch.clear();
            std::size_t rows = 0;
            for (; next_row != count && (rows + 1) * width <= out.size(); ++rows, ++next_row) {
                const pending_update& u = updates[next_row];
                std::size_t k = rows * width;
                auto put = [&](auto c) {
                    constexpr std::size_t C = decltype(c)::value;
                    scratch.emplace_back();
                    out[k++] = type_traits<column_field_t<T, C>>::to_value(field<field_of_column<T, C>>(u.e->object),
                                                                           scratch.back());
                };
                for_each_column<T>([&](auto c) {
                    if ((u.mask & (std::uint64_t{1} << decltype(c)::value)) != 0) put(c);
                });
                [&]<std::size_t... K>(std::index_sequence<K...>) {
                    (put(std::integral_constant<std::size_t, M::primary_key.columns[K]>{}), ...);
                }(std::make_index_sequence<M::primary_key.size>{});
            }
            return rows;
        }
    };

    struct no_rows final : batch_sink {
        void row(std::size_t, std::span<const value_view>) override {}
    };

    void update_run(connection& conn, const pending_update* updates, std::size_t count) {
        const std::uint64_t mask = updates[0].mask;
        // A constant for the life of the process, so the connection finds its prepared
        // statement by address, without hashing the text per run.
        const std::string& sql = update_text(conn.dialect(), mask);
        const std::size_t width = static_cast<std::size_t>(std::popcount(mask)) + M::primary_key.size;
        update_values values(updates, count, width, scratch_);
        no_rows sink;
        const std::int64_t affected = conn.execute_batch(sql.data(), sql.size(), values, width, sink);
        if (affected != static_cast<std::int64_t>(count)) {
            throw session_error("stale_data",
                                "UPDATE of " + std::to_string(count) + " " + std::string(M::table_name) +
                                    " row(s) by primary key matched " + std::to_string(affected) +
                                    "; a row was changed or deleted outside this session");
        }
    }

    /** An object whose row was just inserted: persistent, its snapshot taken, in the identity
     *  map (refused when another object already has its key). */
    void inserted(entry_type& e) {
        if (entry_type* other = storage.find(key_of(e.object)); other != nullptr && other != &e) {
            throw session_error("identity_conflict",
                                "flush(): two objects of " + std::string(M::table_name) +
                                    " have the same primary key; merge() the second one instead "
                                    "of adding it");
        }
        e.state = object_state::persistent;
        e.snapshot.emplace(storage.snapshot(e.object));
        storage.index(e);
    }

    template <bool WithKey>
    static constexpr std::size_t returned_count() {
        std::size_t n = 0;
        for (std::size_t c = 0; c != M::column_count; ++c) n += returned_on_insert<T, WithKey>(c);
        return n;
    }

    static void restore_returned_columns(entry_type& e, const snapshot_t<T>& before) {
        for_each_column<T>([&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            if constexpr (returned_on_insert<T, false>(C))
                column_snap<T, C>::restore(field<field_of_column<T, C>>(e.object), std::get<C>(before));
        });
    }

    /** The UPDATE text for a set of changed columns: built once per process and kept for its
     *  life (texts are few: one per set of columns that actually change together). */
    const std::string& update_text(retort::detail::dialect_kind d, std::uint64_t mask) {
        const int di = d == retort::detail::dialect_kind::postgresql ? 1 : 0;
        auto& local = updates_[di];
        if (auto it = local.find(mask); it != local.end()) return *it->second;
        static std::mutex lock;
        static std::array<std::unordered_map<std::uint64_t, std::unique_ptr<const std::string>>, 2> texts;
        std::lock_guard guard(lock);
        auto& slot = texts[di][mask];
        if (!slot) slot = std::make_unique<const std::string>(update_sql<T>(d, mask));
        local.emplace(mask, slot.get());
        return *slot;
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
    std::vector<entry_type*> dirty_;
    std::vector<pending_update> runs_;  // the UPDATEs of a flush, grouped by changed columns
    std::vector<value_view> params_;
    std::deque<std::string> scratch_;
    std::array<std::unordered_map<std::uint64_t, const std::string*>, 2> updates_;  // by dialect, mask
};

}  // namespace retort::orm::detail
