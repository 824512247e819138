// The model-independent core of the session's work on one model: the lists of pending, removed
// and changed objects, the journal that rollback restores, and the INSERT, UPDATE and DELETE
// runs of a flush. A model contributes only its table of operations (the virtual functions a
// model_table<T> overrides): snapshot compare, binding and reading its columns, its statements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/orm/detail/flush_support.hpp"
#include "retort/orm/detail/identity_map.hpp"
#include "retort/orm/events.hpp"
#include "retort/types/value.hpp"

namespace retort {
class connection;
class session;
}  // namespace retort

namespace retort::orm::detail {

using retort::detail::dialect_kind;

/**
 * What the session knows of one model. The flush's logic lives here, once for every model; it
 * reaches a model's objects through the operations below, one virtual call per object and step
 * (or per batch where a loop over objects is hot), never per value.
 */
class RETORT_API table_base {
public:
    table_base(session& owner, const table_info& info, std::uint64_t key_mask) noexcept
        : owner_(&owner), info_(info), key_mask_(key_mask) {}
    table_base(const table_base&) = delete;
    table_base& operator=(const table_base&) = delete;
    virtual ~table_base();

    [[nodiscard]] virtual std::type_index type() const = 0;
    /** Models this one has foreign keys to (compile-time knowledge, as type indices). */
    [[nodiscard]] virtual const std::vector<std::type_index>& depends_on() const = 0;
    /** Takes the objects created through this model's handles into the session; true if any. */
    virtual bool adopt() = 0;
    /** Registers the key assignments and association rows this model's handles call for. */
    virtual void cascade() = 0;

    // ---- the flush (table_core_impl.hpp) ----------------------------------------------------

    /**
     * INSERTs of the pending objects, in the order they were added: before_insert for each,
     * then the rows as batches of one statement (on PostgreSQL pipelined, many rows per round
     * trip, as SQLAlchemy's insertmanyvalues), each RETURNING row read into its object, then
     * after_insert for each. Objects that listeners add meanwhile are inserted too.
     */
    void flush_inserts(connection& conn);
    /**
     * UPDATEs of the objects whose columns differ from their snapshots, in primary-key order
     * (as SQLAlchemy does: a stable order keeps concurrent flushes from deadlocking), objects
     * with the same changed columns next to each other sent as one batch (pipelined on
     * PostgreSQL). before_update fires for each before the batch, after_update after it.
     */
    void flush_updates(connection& conn);
    void flush_deletes(connection& conn);

    void commit_journal();
    void rollback_journal();
    /** Expired objects lose unflushed changes (as in SQLAlchemy) and are overwritten by the
     *  next row read for them. */
    void expire(entry_base& e) {
        restore_snapshot(e);
        e.expired = true;
    }
    void expire_all();
    void detach_all();

    // ---- the objects --------------------------------------------------------------------

    [[nodiscard]] bool has_pending() const noexcept { return !pending_.empty(); }
    /** Tracks a new pending entry (its place in the order of add() is its sequence). */
    void track_pending(entry_base& e) {
        all_.push_back(&e);
        pending_.push_back(&e);
    }
    /** Tracks an entry read from a row. */
    void track(entry_base& e) { all_.push_back(&e); }
    [[nodiscard]] std::uint64_t next_sequence() noexcept { return ++sequence_; }
    void drop_pending(entry_base& e);
    void request_remove(entry_base& e) {
        e.remove_requested = true;
        removing_.push_back(&e);
    }
    /** The journal index of `e` in the current transaction, recorded on first touch. */
    std::size_t journal(entry_base& e);

    /** Every entry ever tracked, in the order they came (detached ones included). */
    [[nodiscard]] const std::vector<entry_base*>& entries() const noexcept { return all_; }
    [[nodiscard]] std::vector<entry_base*>& pending() noexcept { return pending_; }

    std::vector<value_view>& params() { return params_; }
    scratch_strings& scratch() { return scratch_; }

    /** This session's listeners of the model. */
    listeners local;

protected:
    // ---- the model's operations -----------------------------------------------------------

    /** The model hook, the global listeners, then this session's listeners of event `ev`. */
    virtual void fire(event ev, entry_base& e) = 0;
    /** Whether anything would run for `ev` (asked once per step, so that a flush nobody
     *  listens to makes no call per object). */
    [[nodiscard]] virtual bool listened(event ev) const = 0;
    /** Whether the object's key is generated by the database and not set yet. */
    [[nodiscard]] virtual bool generates_key(const entry_base& e) const = 0;
    [[nodiscard]] virtual std::string_view insert_text(dialect_kind d, bool with_key) const = 0;
    /** Values an INSERT sends per row, and whether it reads columns back (RETURNING). */
    [[nodiscard]] virtual std::size_t insert_width(bool with_key) const = 0;
    [[nodiscard]] virtual bool insert_returns(bool with_key) const = 0;
    virtual void bind_insert(const entry_base& e, bool with_key, value_view* out,
                             scratch_strings& scratch) const = 0;
    virtual void read_returned(entry_base& e, bool with_key, std::span<const value_view> cells,
                               std::int64_t row) = 0;
    /** The entry holding the object's key in the identity map, or nullptr. */
    [[nodiscard]] virtual entry_base* find_same_key(const entry_base& e) const = 0;
    virtual void index(entry_base& e) = 0;
    virtual void unindex(entry_base& e) = 0;
    virtual void take_snapshot(entry_base& e) = 0;
    /** Appends the persistent objects whose columns differ from their snapshots. */
    virtual void collect_dirty(std::vector<entry_base*>& out) = 0;
    /** The order of the object's primary key when it is one integer (its biased bits; see
     *  order_of_signed), for the core to sort by; false for other keys. */
    [[nodiscard]] virtual bool integer_key(const entry_base& e, std::uint64_t& order) const = 0;
    /** Sorts entries by a primary key that is not one integer (left as they are when the
     *  key has no order). */
    virtual void sort_by_key(std::vector<entry_base*>& entries) const = 0;
    /** The columns that differ from the snapshot, as a mask (bit C for column C). */
    [[nodiscard]] virtual std::uint64_t changed(const entry_base& e) const = 0;
    /** The columns of `mask`, then the key columns. */
    virtual void bind_update(const entry_base& e, std::uint64_t mask, value_view* out,
                             scratch_strings& scratch) const = 0;
    virtual void resnapshot(entry_base& e, std::uint64_t mask) = 0;
    /** Appends the key columns' values to params(). */
    virtual void bind_key(const entry_base& e) = 0;
    [[nodiscard]] virtual std::string_view delete_text(dialect_kind d) const = 0;
    /** Saves the entry's snapshot as journal record `index` holds it. */
    virtual void save_snapshot(entry_base& e, std::size_t index) = 0;
    /** Saves the columns an INSERT reads back, before it runs. */
    virtual void save_columns(entry_base& e, std::size_t index) = 0;
    /** An inserted object goes back to pending: the columns its INSERT read back as they were,
     *  no snapshot. */
    virtual void unsave_insert(entry_base& e, std::size_t index) = 0;
    /** The saved snapshot becomes the entry's again. */
    virtual void restore_saved(entry_base& e, std::size_t index) = 0;
    virtual void clear_saved() = 0;
    /** Between transactions: lets the snapshots' storage drop texts no snapshot uses. */
    virtual void compact() = 0;
    /** Puts the snapshot's values back into the object (discarding unflushed changes). */
    virtual void restore_snapshot(entry_base& e) = 0;
    /** Drops every snapshot, the identity map and the saved ones. */
    virtual void forget_all() = 0;

    session* owner_;

private:
    void insert_run(connection& conn, entry_base* const* entries, std::size_t count, bool with_key);
    struct pending_update {
        entry_base* e;
        std::uint64_t mask;
    };
    void update_run(connection& conn, const pending_update* updates, std::size_t count);
    void inserted(entry_base& e);
    void sort_dirty();

    table_info info_;
    std::uint64_t key_mask_;
    std::vector<entry_base*> all_;
    std::vector<entry_base*> pending_;
    std::vector<entry_base*> removing_;
    std::vector<entry_base*> dirty_;
    std::vector<pending_update> runs_;  // the UPDATEs of a flush, grouped by changed columns
    std::vector<journal_record> journal_;
    std::vector<value_view> params_;
    scratch_strings scratch_;
    update_texts update_texts_;
    std::uint64_t sequence_ = 0;
};

}  // namespace retort::orm::detail

#ifdef RETORT_HEADER_ONLY
#include "retort/orm/detail/table_core-inl.hpp"
#endif
