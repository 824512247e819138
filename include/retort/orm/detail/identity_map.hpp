// The session's storage per model: objects with stable addresses, the identity map, the
// snapshots that flush compares against, and the journal that rollback restores.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <typeindex>
#include <vector>

#include "retort/orm/detail/containers.hpp"
#include "retort/orm/detail/fields.hpp"
#include "retort/orm/detail/snapshot.hpp"

namespace retort {
class connection;
class session;
}  // namespace retort

namespace retort::orm::detail {

/** Where an object stands, as in SQLAlchemy: pending (added, not yet inserted), persistent
 *  (has a row), deleted (removed, DELETE flushed but not committed), detached (left the
 *  session: expunged, or deleted and committed). */
enum class object_state : std::uint8_t { pending, persistent, deleted, detached };

template <class T>
struct entry {
    explicit entry(std::shared_ptr<T> p) : holder(std::move(p)), object(*holder) {}
    entry(const entry&) = delete;
    entry& operator=(const entry&) = delete;

    std::shared_ptr<T> holder;  // shared with a relationship handle that created the object
    T& object;
    std::optional<snapshot_t<T>> snapshot;  // the row as the database has it
    object_state state = object_state::pending;
    bool expired = false;           // overwrite from the next row read for it
    bool remove_requested = false;  // DELETE at the next flush
    std::uint64_t sequence = 0;     // order of add(), kept for inserts

    bool journaled = false;         // touched by the current transaction (see journal_record)
    std::size_t journal_index = 0;  // its record in the table's journal
};

/** An entry as the current transaction first found it, for rollback; kept beside the entries
 *  (most objects are never in a transaction's journal, so they do not carry one). */
template <class T>
struct journal_record {
    entry<T>* e = nullptr;
    object_state state = object_state::pending;
    std::optional<snapshot_t<T>> snapshot;
    std::optional<snapshot_t<T>> columns;  // column values before an INSERT
};

/**
 * What the session knows of one model, behind one virtual call per model per flush step: the
 * model's table of operations. The session calls these and nothing else of a model's code, so a
 * model's operations are instantiated once (with its table), whatever the statements that use it.
 */
class table_base {
public:
    explicit table_base(session& owner) noexcept : owner_(&owner) {}
    table_base(const table_base&) = delete;
    table_base& operator=(const table_base&) = delete;
    virtual ~table_base() = default;
    /** INSERTs of the pending objects, UPDATEs of the changed ones, DELETEs of the removed ones. */
    virtual void flush_inserts(connection& conn) = 0;
    virtual void flush_updates(connection& conn) = 0;
    virtual void flush_deletes(connection& conn) = 0;
    /** Takes the objects created through this model's handles into the session; true if any. */
    virtual bool adopt() = 0;
    /** Registers the key assignments and association rows this model's handles call for. */
    virtual void cascade() = 0;
    [[nodiscard]] virtual std::type_index type() const = 0;
    /** Models this one has foreign keys to (compile-time knowledge, as type indices). */
    [[nodiscard]] virtual const std::vector<std::type_index>& depends_on() const = 0;
    [[nodiscard]] virtual bool has_pending() const = 0;
    virtual void commit_journal() = 0;
    virtual void rollback_journal() = 0;
    virtual void expire_all() = 0;
    virtual void detach_all() = 0;

protected:
    session* owner_;
};

template <class T>
class table_storage {
public:
    using key_type = key_t<T>;
    using entry_type = entry<T>;

    entry_type& add_pending(T&& obj) { return adopt(std::make_shared<T>(std::move(obj))); }

    /** Takes an object created outside the session (by a relationship handle) as pending,
     *  keeping its address. */
    entry_type& adopt(std::shared_ptr<T> obj) {
        entry_type& e = entries_.emplace_back(std::move(obj));
        e.state = object_state::pending;
        e.sequence = ++sequence_;
        pending_.push_back(&e);
        return e;
    }

    /** The entry for a key, or nullptr. */
    entry_type* find(const key_type& key) const noexcept { return identity_.find(key); }

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

    /** The entry holding `obj` (by key for objects with a row, by address for pending ones). */
    entry_type* entry_of(const T& obj) {
        if constexpr (model<T>::has_primary_key) {
            if (entry_type* e = find(key_of(obj)); e != nullptr && &e->object == &obj) return e;
        }
        for (entry_type* e : pending_)
            if (&e->object == &obj) return e;
        for (entry_type& e : entries_)
            if (&e.object == &obj) return &e;
        return nullptr;
    }

    void index(entry_type& e) { identity_.assign(key_of(e.object), &e); }
    void unindex(entry_type& e) { identity_.erase(key_of(e.object), &e); }
    void unindex_all() noexcept { identity_.clear(); }
    void drop_pending(entry_type& e) { std::erase(pending_, &e); }

    /** The journal record of `e` in the current transaction, made on first touch. */
    journal_record<T>& journal(entry_type& e) {
        if (e.journaled) return journal_[e.journal_index];
        e.journaled = true;
        e.journal_index = journal_.size();
        return journal_.emplace_back(journal_record<T>{&e, e.state, e.snapshot, std::nullopt});
    }

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
        if (!journal_.empty() || arena_.used() < 4 * live_bytes_ + byte_arena::block_size) return;
        byte_arena fresh;
        for (entry_type& e : entries_)
            if (e.snapshot) move_snapshot<T>(*e.snapshot, fresh);
        arena_.swap(fresh);
        live_bytes_ = arena_.used();
    }

    /** Every object leaves the session (close, expunge_all): nothing is tracked any more. */
    void detach_all() noexcept {
        for (entry_type& e : entries_) {
            e.state = object_state::detached;
            e.snapshot.reset();
            e.journaled = false;
        }
        identity_.clear();
        pending_.clear();
        journal_.clear();
        arena_.clear();
        live_bytes_ = 0;
    }

    [[nodiscard]] bool pending_empty() const noexcept { return pending_.empty(); }
    stable_vector<entry_type>& entries() { return entries_; }
    std::vector<entry_type*>& pending() { return pending_; }
    std::deque<journal_record<T>>& journaled() { return journal_; }

private:
    stable_vector<entry_type> entries_;  // stable addresses: references handed out stay valid
    stable_vector<T> loaded_;            // objects read from rows, in place
    identity_index<key_type, entry_type, key_hash<key_type>> identity_;
    std::vector<entry_type*> pending_;
    std::deque<journal_record<T>> journal_;
    byte_arena arena_;
    std::size_t live_bytes_ = 0;  // arena bytes in use after the last compaction
    std::uint64_t sequence_ = 0;
};

}  // namespace retort::orm::detail
