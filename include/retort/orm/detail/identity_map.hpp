// The session's storage per model: objects with stable addresses, the identity map, the
// snapshots that flush compares against, and the journal that rollback restores.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "retort/orm/detail/fields.hpp"

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

/** What the session knows of one model, behind one virtual call per model per flush step. */
class table_base {
public:
    virtual ~table_base() = default;
    [[nodiscard]] virtual std::type_index type() const = 0;
    /** Models this one has foreign keys to (compile-time knowledge, as type indices). */
    [[nodiscard]] virtual const std::vector<std::type_index>& depends_on() const = 0;
    [[nodiscard]] virtual bool has_pending() const = 0;
    virtual void commit_journal() = 0;
    virtual void rollback_journal() = 0;
    virtual void expire_all() = 0;
    virtual void detach_all() = 0;
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

    /** The entry for a row just read: the existing one, or a new persistent entry. */
    entry_type* find(const key_type& key) {
        auto it = identity_.find(key);
        return it == identity_.end() ? nullptr : it->second;
    }

    /** A default object in the storage of loaded rows, to decode a row into in place. */
    T& loaded_slot() { return loaded_.emplace_back(); }
    /** Gives the last slot back (its row was already in the session). */
    void drop_loaded_slot() { loaded_.pop_back(); }

    /** Makes the last slot a persistent entry: no allocation of its own (the deque holds it;
     *  the entry's holder is a non-owning alias). */
    entry_type& add_persistent_slot(T& slot) {
        entry_type& e = entries_.emplace_back(std::shared_ptr<T>(std::shared_ptr<void>{}, &slot));
        e.snapshot = snapshot_of(e.object);
        e.state = object_state::persistent;
        identity_.emplace(key_of(e.object), &e);
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

    void index(entry_type& e) { identity_.insert_or_assign(key_of(e.object), &e); }
    void unindex(entry_type& e) {
        auto it = identity_.find(key_of(e.object));
        if (it != identity_.end() && it->second == &e) identity_.erase(it);
    }
    void drop_pending(entry_type& e) { std::erase(pending_, &e); }

    /** The journal record of `e` in the current transaction, made on first touch. */
    journal_record<T>& journal(entry_type& e) {
        if (e.journaled) return journal_[e.journal_index];
        e.journaled = true;
        e.journal_index = journal_.size();
        return journal_.emplace_back(journal_record<T>{&e, e.state, e.snapshot, std::nullopt});
    }

    [[nodiscard]] bool pending_empty() const noexcept { return pending_.empty(); }
    std::deque<entry_type>& entries() { return entries_; }
    std::vector<entry_type*>& pending() { return pending_; }
    std::deque<journal_record<T>>& journaled() { return journal_; }
    std::unordered_map<key_type, entry_type*, key_hash<key_type>>& identity() { return identity_; }

private:
    std::deque<entry_type> entries_;  // stable addresses: references handed out stay valid
    std::deque<T> loaded_;            // objects read from rows, in place
    std::unordered_map<key_type, entry_type*, key_hash<key_type>> identity_;
    std::vector<entry_type*> pending_;
    std::deque<journal_record<T>> journal_;
    std::uint64_t sequence_ = 0;
};

}  // namespace retort::orm::detail
