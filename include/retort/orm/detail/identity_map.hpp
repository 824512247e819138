// The session's storage per model: objects with stable addresses, the identity map, the
// snapshots that flush compares against, and the journal that rollback restores.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <typeindex>
#include <vector>

#include "retort/orm/detail/containers.hpp"
#include "retort/orm/detail/fields.hpp"
#include "retort/orm/detail/snapshot.hpp"

namespace retort::orm::detail {

/** Where an object stands, as in SQLAlchemy: pending (added, not yet inserted), persistent
 *  (has a row), deleted (removed, DELETE flushed but not committed), detached (left the
 *  session: expunged, or deleted and committed). */
enum class object_state : std::uint8_t { pending, persistent, deleted, detached };

/** What the session tracks of every object, whatever its model: the part of an entry that the
 *  model-independent code of a flush reads and writes. */
struct entry_base {
    object_state state = object_state::pending;
    bool expired = false;           // overwrite from the next row read for it
    bool remove_requested = false;  // DELETE at the next flush
    bool journaled = false;         // touched by the current transaction (see journal_record)
    std::uint64_t sequence = 0;     // order of add(), kept for inserts
    std::size_t journal_index = 0;  // its record in the table's journal
};

template <class T>
struct entry : entry_base {
    explicit entry(std::shared_ptr<T> p) : holder(std::move(p)), object(*holder) {}
    entry(const entry&) = delete;
    entry& operator=(const entry&) = delete;

    std::shared_ptr<T> holder;  // shared with a relationship handle that created the object
    T& object;
    std::optional<snapshot_t<T>> snapshot;  // the row as the database has it
};

/** An entry as the current transaction first found it, for rollback; kept beside the entries
 *  (most objects are never in a transaction's journal, so they do not carry one). The
 *  snapshots it saved are the model's, kept at the same index by the model's table. */
struct journal_record {
    entry_base* e = nullptr;
    object_state state = object_state::pending;
};

/** The snapshots a journal record saved: the row as it was, and the columns before an INSERT. */
template <class T>
struct journal_snapshots {
    std::optional<snapshot_t<T>> snapshot;
    std::optional<snapshot_t<T>> columns;
};

/** Identity index of a model: one instantiation per key type, shared by the models that have it. */
template <class T>
using identity_index_t = identity_index<key_t<T>, entry_base, key_hash<key_t<T>>>;

template <class T>
class table_storage {
public:
    using key_type = key_t<T>;
    using entry_type = entry<T>;

    /** A new object, pending; `sequence` is its place in the order of add(). */
    entry_type& add_pending(std::shared_ptr<T> obj, std::uint64_t sequence) {
        entry_type& e = entries_.emplace_back(std::move(obj));
        e.state = object_state::pending;
        e.sequence = sequence;
        return e;
    }

    /** The entry for a key, or nullptr. */
    entry_type* find(const key_type& key) const noexcept {
        return static_cast<entry_type*>(identity_.find(key));
    }

    /** A default object in the storage of loaded rows, to decode a row into in place. */
    T& loaded_slot() { return loaded_.emplace_back(); }
    /** Gives the last slot back (its row was already in the session). */
    void drop_loaded_slot() { loaded_.pop_back(); }

    /** Makes the last slot a persistent entry: no allocation of its own (the slot's storage
     *  holds it; the entry's holder is a non-owning alias). */
    entry_type& add_persistent_slot(T& slot) {
        entry_type& e = entries_.emplace_back(std::shared_ptr<T>(std::shared_ptr<void>{}, &slot));
        e.snapshot.emplace(snapshot(e.object));
        e.state = object_state::persistent;
        identity_.assign(key_of(e.object), &e);
        return e;
    }

    void index(entry_type& e) { identity_.assign(key_of(e.object), &e); }
    void unindex(entry_type& e) { identity_.erase(key_of(e.object), &e); }

    /** The snapshot of `obj` now, its texts kept in this table's arena. */
    snapshot_t<T> snapshot(const T& obj) { return snapshot_of(obj, arena_); }
    void resnapshot(entry_type& e, std::uint64_t mask) {
        orm::detail::resnapshot<T>(e.object, *e.snapshot, mask, arena_);
    }

    /**
     * Between transactions (no journal refers to old snapshots): when most of the arena holds
     * texts no snapshot uses any more (values replaced by updates), copies the live ones into a
     * fresh arena, so a long session that keeps updating does not keep every old value.
     */
    void compact_snapshots() {
        if (arena_.used() < 4 * live_bytes_ + byte_arena::block_size) return;
        byte_arena fresh;
        for (entry_type& e : entries_)
            if (e.snapshot) move_snapshot<T>(*e.snapshot, fresh);
        arena_.swap(fresh);
        live_bytes_ = arena_.used();
    }

    /** Every object leaves the session (close, expunge_all): nothing is tracked any more. */
    void detach_all() noexcept {
        for (entry_type& e : entries_) e.snapshot.reset();
        identity_.clear();
        journal_.clear();
        arena_.clear();
        live_bytes_ = 0;
    }

    stable_vector<entry_type>& entries() { return entries_; }
    std::vector<journal_snapshots<T>>& journal() { return journal_; }

private:
    stable_vector<entry_type> entries_;  // stable addresses: references handed out stay valid
    stable_vector<T> loaded_;            // objects read from rows, in place
    identity_index_t<T> identity_;
    std::vector<journal_snapshots<T>> journal_;  // by journal_record index
    byte_arena arena_;
    std::size_t live_bytes_ = 0;  // arena bytes in use after the last compaction
};

}  // namespace retort::orm::detail
