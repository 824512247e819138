// The definitions of table_base's flush, journal and bookkeeping (see table_core.hpp), compiled
// into retort::retort by src/orm/table_core.cpp (or inline with RETORT_HEADER_ONLY).
#pragma once

#include <algorithm>
#include <bit>
#include <exception>
#include <span>
#include <string>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/driver.hpp"
#include "retort/orm/detail/table_core.hpp"

namespace retort::orm::detail {

RETORT_FUNC table_base::~table_base() = default;

RETORT_FUNC void table_base::drop_pending(entry_base& e) { std::erase(pending_, &e); }

RETORT_FUNC std::size_t table_base::journal(entry_base& e) {
    if (e.journaled) return e.journal_index;
    e.journaled = true;
    e.journal_index = journal_.size();
    journal_.push_back(journal_record{&e, e.state});
    save_snapshot(e, e.journal_index);
    return e.journal_index;
}

// ---- INSERT ----------------------------------------------------------------------------------

RETORT_FUNC void table_base::flush_inserts(connection& conn) {
    // Inserted objects leave the pending list once at the end (also when an INSERT throws:
    // what was inserted is persistent, and rollback puts it back), not one erase each.
    struct trim {
        std::vector<entry_base*>& list;
        ~trim() {
            std::erase_if(list, [](const entry_base* e) { return e->state != object_state::pending; });
        }
    } guard{pending_};
    std::size_t done = 0;
    while (done < pending_.size()) {
        const std::size_t end = pending_.size();
        const bool before = listened(event::before_insert);
        for (std::size_t i = done; i != end; ++i) {
            entry_base& e = *pending_[i];
            save_columns(e, journal(e));
            if (before) fire(event::before_insert, e);
        }
        // Runs of one statement: objects with a generated key not set, or the others.
        for (std::size_t i = done; i != end;) {
            const bool with_key = !generates_key(*pending_[i]);
            std::size_t j = i + 1;
            while (j != end && !generates_key(*pending_[j]) == with_key) ++j;
            insert_run(conn, pending_.data() + i, j - i, with_key);
            i = j;
        }
        if (listened(event::after_insert))
            for (std::size_t i = done; i != end; ++i) fire(event::after_insert, *pending_[i]);
        done = end;
    }
}

RETORT_FUNC void table_base::insert_run(connection& conn, entry_base* const* entries, std::size_t count,
                                   bool with_key) {
    // The values of `count` objects' sent columns, a batch at a time (valid until the next).
    struct values final : row_source {
        const table_base& table;
        entry_base* const* entries;
        std::size_t count;
        bool with_key;
        std::size_t width;
        scratch_strings& scratch;
        std::size_t next_row = 0;

        values(const table_base& t, entry_base* const* e, std::size_t n, bool k, scratch_strings& s)
            : table(t), entries(e), count(n), with_key(k), width(t.insert_width(k)), scratch(s) {}

        std::size_t next(std::span<value_view> out) override {
            scratch.reset();
            std::size_t rows = 0;
            for (; next_row != count && (rows + 1) * width <= out.size(); ++rows, ++next_row)
                table.bind_insert(*entries[next_row], with_key, out.data() + rows * width, scratch);
            return rows;
        }
    };
    // Reads each RETURNING row into its object and makes it persistent as it arrives, so a
    // failure later in the batch leaves earlier objects where rollback expects them.
    struct returned final : batch_sink {
        table_base& table;
        entry_base* const* entries;
        bool with_key;
        std::exception_ptr failure;

        returned(table_base& t, entry_base* const* e, bool k) : table(t), entries(e), with_key(k) {}

        void row(std::size_t index, std::span<const value_view> cells) override {
            if (failure) return;
            try {
                entry_base& e = *entries[index];
                table.read_returned(e, with_key, cells, static_cast<std::int64_t>(index));
                table.inserted(e);
            } catch (...) {
                failure = std::current_exception();
            }
        }
    };
    const std::string_view sql = insert_text(conn.dialect(), with_key);
    values source(*this, entries, count, with_key, scratch_);
    returned sink(*this, entries, with_key);
    conn.execute_batch(sql.data(), sql.size(), source, source.width, sink);
    if (sink.failure) std::rethrow_exception(sink.failure);
    const bool returns = insert_returns(with_key);
    for (std::size_t i = 0; i != count; ++i) {
        entry_base& e = *entries[i];
        if (returns) {
            if (e.state == object_state::pending) throw_no_returning_row();
        } else {
            inserted(e);
        }
    }
}

/* An object whose row was just inserted: persistent, its snapshot taken, in the identity map
 * (refused when another object already has its key). */
RETORT_FUNC void table_base::inserted(entry_base& e) {
    if (entry_base* other = find_same_key(e); other != nullptr && other != &e)
        throw_identity_conflict(info_.table_name);
    e.state = object_state::persistent;
    take_snapshot(e);
    index(e);
}

// ---- UPDATE ----------------------------------------------------------------------------------

RETORT_FUNC void table_base::flush_updates(connection& conn) {
    dirty_.clear();
    collect_dirty(dirty_);
    if (dirty_.empty()) return;
    sort_dirty();
    const bool before = listened(event::before_update);
    for (entry_base* e : dirty_) {
        journal(*e);
        if (before) fire(event::before_update, *e);  // may change more columns
    }
    runs_.clear();
    for (entry_base* e : dirty_) {
        const std::uint64_t mask = changed(*e);
        if (mask == 0) continue;  // a listener put it back
        if ((mask & key_mask_) != 0) throw_primary_key_changed(info_.table_name);
        runs_.push_back({e, mask});
    }
    for (std::size_t i = 0; i != runs_.size();) {
        std::size_t j = i + 1;
        while (j != runs_.size() && runs_[j].mask == runs_[i].mask) ++j;
        update_run(conn, runs_.data() + i, j - i);
        i = j;
    }
    const bool after = listened(event::after_update);
    for (const auto& u : runs_) {
        resnapshot(*u.e, u.mask);
        if (after) fire(event::after_update, *u.e);
    }
}

RETORT_FUNC void table_base::sort_dirty() {
    std::uint64_t order = 0;
    if (dirty_.size() < 2) return;
    if (!integer_key(*dirty_.front(), order)) {
        sort_by_key(dirty_);
        return;
    }
    sort_pointers(dirty_, [this](const entry_base& e) {
        std::uint64_t key = 0;
        (void)integer_key(e, key);
        return key;
    });
}

RETORT_FUNC void table_base::update_run(connection& conn, const pending_update* updates, std::size_t count) {
    // The changed columns, then the key, of a run of updates with the same columns.
    struct values final : row_source {
        const table_base& table;
        const pending_update* updates;
        std::size_t count;
        std::size_t width;
        scratch_strings& scratch;
        std::size_t next_row = 0;

        values(const table_base& t, const pending_update* u, std::size_t n, std::size_t w,
               scratch_strings& s)
            : table(t), updates(u), count(n), width(w), scratch(s) {}

        std::size_t next(std::span<value_view> out) override {
            scratch.reset();
            std::size_t rows = 0;
            for (; next_row != count && (rows + 1) * width <= out.size(); ++rows, ++next_row) {
                const pending_update& u = updates[next_row];
                table.bind_update(*u.e, u.mask, out.data() + rows * width, scratch);
            }
            return rows;
        }
    };
    struct no_rows final : batch_sink {
        void row(std::size_t, std::span<const value_view>) override {}
    };
    const std::uint64_t mask = updates[0].mask;
    // A constant for the life of the process, so the connection finds its prepared statement
    // by address, without hashing the text per run.
    const std::string& sql = update_texts_.get(conn.dialect(), info_, mask);
    const std::size_t width = static_cast<std::size_t>(std::popcount(mask)) + info_.primary_key->size;
    values source(*this, updates, count, width, scratch_);
    no_rows sink;
    const std::int64_t affected = conn.execute_batch(sql.data(), sql.size(), source, width, sink);
    if (affected != static_cast<std::int64_t>(count)) throw_stale_data("UPDATE", info_.table_name, count, affected);
}

// ---- DELETE ----------------------------------------------------------------------------------

RETORT_FUNC void table_base::flush_deletes(connection& conn) {
    for (std::size_t i = 0; i < removing_.size(); ++i) {
        entry_base& e = *removing_[i];
        if (!e.remove_requested || e.state != object_state::persistent) continue;
        journal(e);
        fire(event::before_delete, e);
        const std::string_view sql = delete_text(conn.dialect());
        params_.clear();
        scratch_.reset();
        bind_key(e);
        auto r = conn.execute_prepared(sql.data(), sql.size(), params_);
        if (r.rows_affected() != 1) throw_stale_data("DELETE", info_.table_name, 1, r.rows_affected());
        e.remove_requested = false;
        e.state = object_state::deleted;
        unindex(e);
        fire(event::after_delete, e);
    }
    removing_.clear();
}

// ---- transaction end -------------------------------------------------------------------------

RETORT_FUNC void table_base::commit_journal() {
    for (const auto& rec : journal_) {
        if (rec.e->state == object_state::deleted) rec.e->state = object_state::detached;
        rec.e->journaled = false;
    }
    journal_.clear();
    clear_saved();
    compact();
}

/*
 * Rollback puts every object the transaction touched back where it stood when the transaction
 * began, keeping the user's own changes: an inserted object is pending again (its generated
 * key and server defaults cleared, so a retry inserts it anew), an updated one is dirty again
 * against its old snapshot, a removed one is still to be removed.
 */
RETORT_FUNC void table_base::rollback_journal() {
    bool removals = false;
    for (std::size_t i = journal_.size(); i-- != 0;) {
        const journal_record rec = journal_[i];
        entry_base& e = *rec.e;
        e.journaled = false;
        if (e.state == object_state::detached) continue;  // expunged meanwhile: stays out
        const bool remove_intent = e.remove_requested || e.state == object_state::deleted;
        removals |= remove_intent;
        if (rec.state == object_state::pending) {
            // Never committed: back to pending, unless the user removed it meanwhile.
            if (e.state != object_state::pending) {
                unindex(e);
                unsave_insert(e, i);
            }
            e.remove_requested = false;
            if (remove_intent) {
                drop_pending(e);
                e.state = object_state::detached;
            } else if (e.state != object_state::pending) {
                e.state = object_state::pending;
                pending_.push_back(&e);
            }
        } else {
            if (e.state == object_state::deleted) index(e);
            e.state = object_state::persistent;
            restore_saved(e, i);
            e.remove_requested = remove_intent;
        }
    }
    journal_.clear();
    clear_saved();
    // Pending objects go back in the order they were added.
    sort_pointers(pending_, [](const entry_base& e) { return e.sequence; });
    if (!removals) return;
    for (entry_base* e : all_)
        if (e->remove_requested && e->state == object_state::persistent &&
            std::find(removing_.begin(), removing_.end(), e) == removing_.end())
            removing_.push_back(e);
}

RETORT_FUNC void table_base::expire_all() {
    for (entry_base* e : all_)
        if (e->state == object_state::persistent) expire(*e);
}

RETORT_FUNC void table_base::detach_all() {
    for (entry_base* e : all_) {
        e->state = object_state::detached;
        e->journaled = false;
    }
    forget_all();
    pending_.clear();
    journal_.clear();
    removing_.clear();
}

}  // namespace retort::orm::detail
