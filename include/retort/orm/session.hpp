// The ORM session: an identity map and a unit of work over plain structs.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

#include "retort/detail/callback.hpp"
#include "retort/detail/export.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/errors.hpp"
#include "retort/orm/detail/graph.hpp"
#include "retort/orm/detail/loading.hpp"
#include "retort/orm/detail/model_table.hpp"
#include "retort/orm/events.hpp"
#include "retort/orm/mixins.hpp"
#include "retort/orm/object_list.hpp"
#include "retort/orm/session_options.hpp"
#include "retort/sql/render.hpp"
#include "retort/sql/update.hpp"
#include "retort/sql/column.hpp"

namespace retort {

namespace orm::detail {
/** The model an UPDATE or DELETE statement writes to (void for other statements). */
template <class S>
struct dml_target {
    using type = void;
};
template <class T, class Sets, class Where, class Returning, bool U>
struct dml_target<retort::detail::update_stmt<T, Sets, Where, Returning, U>> {
    using type = T;
};
template <class T, class Where, class Returning, bool U>
struct dml_target<retort::detail::delete_stmt<T, Where, Returning, U>> {
    using type = T;
};
}  // namespace orm::detail

/** The state of an object in a session (SQLAlchemy's transient is "not in the session"). */
using object_state = orm::detail::object_state;

/**
 * A unit of work over plain structs. Objects added or read through a session are owned by it
 * and handed out as references that stay valid while the session lives; flush() finds what
 * changed by comparing with the values last read or written, and writes INSERTs (parents
 * first), UPDATEs of the changed columns, and DELETEs (children first) in one transaction.
 *
 *     retort::session s{engine};
 *     User& alice = s.add(User{.username = "alice", .email = "alice@example.com"});
 *     s.commit();                   // INSERT ... RETURNING id, created_at
 *     alice.email = "alice@new.example";
 *     s.commit();                   // UPDATE users SET email = ? WHERE id = ?
 *
 * Not thread-safe: one session per thread (the engine's pool is shared).
 */
class RETORT_API session {
public:
    /** A function run at a moment of the session's life: `void(retort::session&)`. */
    using session_hook = retort::detail::callback<void(session&)>;

    explicit session(const engine& e, session_options options = {})
        : engine_(e), options_(options) {}
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    /** Rolls back whatever was not committed. */
    ~session();

    // ---- adding and removing ----------------------------------------------------------------

    /** Adds a new object (pending until the next flush); returns the session's copy. */
    template <class T>
    T& add(T obj) {
        check_usable("add");
        T& added = table<T>().add_pending(std::make_shared<T>(std::move(obj))).object;
        orm::detail::prepare_new(added);
        return added;
    }

    /** Adds every object of a range; returns the session's copies, as scalars() does. */
    template <std::ranges::input_range R>
    auto add_all(R&& objects) {
        using T = std::remove_cvref_t<std::ranges::range_value_t<R>>;
        orm::object_list<T> out;
        for (auto&& obj : objects) out.push_back(&add(T(std::forward<decltype(obj)>(obj))));
        return out;
    }

    /** Marks an object for DELETE at the next flush (soft-deletable models get deleted_at set
     *  instead); a pending object is simply dropped. */
    template <class T>
    void remove(T& obj) {
        check_usable("remove");
        auto& t = table<T>();
        auto* e = owned_entry(t, obj, "remove");
        if (e->state == object_state::pending) {
            t.drop_pending(*e);
            e->state = object_state::detached;
            return;
        }
        if constexpr (soft_deletable<T>) {
            obj.deleted_at = timestamps::now();
        } else {
            if (e->state == object_state::persistent && !e->remove_requested) {
                orm::detail::graph_ops::cascade_delete(*this, obj);  // children first
                t.request_remove(*e);
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * The object with this primary key: from the identity map when it is there, else one
     * SELECT; nullptr when there is no such row. `s.get<User>(5)`, `s.get<PostTag>(1, 2)`.
     */
    template <class T, class... Key>
    T* get(const Key&... key) {
        check_usable("get");
        auto& t = table<T>();
        using key_type = orm::detail::key_t<T>;
        static_assert(sizeof...(Key) == std::tuple_size_v<key_type>,
                      "get<T>(key...): give one value per primary-key column");
        const key_type k{key...};
        if (auto* e = t.storage.find(k); e != nullptr && !e->expired) {
            return e->state == object_state::persistent ? &e->object : nullptr;
        }
        // Changed columns of other objects cannot change which row has this key: only new
        // objects (and new objects behind handles) need to be written first.
        if (any_pending() || handles_changed()) autoflush();
        auto& conn = connection_for_read();
        const std::string_view sql =
            orm::detail::text_for<orm::detail::select_by_key_node<T>>(conn.dialect());
        auto& params = t.params();
        auto& scratch = t.scratch();
        params.clear();
        scratch.reset();
        T probe{};
        std::apply([&](const auto&... v) { set_key(probe, v...); }, k);
        t.bind_key(probe);
        auto r = conn.execute_prepared(sql.data(), sql.size(), params);
        if (!r.has_row()) {
            if (auto* e = t.storage.find(k)) {  // deleted elsewhere
                t.storage.unindex(*e);
                e->state = object_state::detached;
            }
            return nullptr;
        }
        const retort::detail::row_context ctx{&r, sql};
        return &t.merge_row(r.row(), ctx, false).object;
    }

    /**
     * Runs a SELECT of model T and returns the session's objects for its rows: an object
     * already in the session is returned as it is (not overwritten by the row) unless
     * `populate_existing` is true or it was expired. Soft-deleted rows are left out unless
     * `retort::include_deleted` is passed.
     *
     *     for (User& u : s.scalars(retort::select<User>().where(col<&User::id> > 25))) ...
     */
    template <class Stmt>
    auto scalars(const Stmt& stmt, bool populate_existing = false) {
        using T = typename Stmt::result_type;
        static_assert(reflect::reflectable<T> && !std::is_same_v<T, void>,
                      "session::scalars() runs a select<Model>(); use execute() for other "
                      "statements");
        if constexpr (soft_deletable<T>) {
            return scalars_impl<T>(stmt.where(sql_col_deleted_at<T>().is_null()), populate_existing);
        } else {
            return scalars_impl<T>(stmt, populate_existing);
        }
    }
    template <class Stmt>
    auto scalars(const Stmt& stmt, include_deleted_t, bool populate_existing = false) {
        return scalars_impl<typename Stmt::result_type>(stmt, populate_existing);
    }

    /** Runs any Core statement in the session's transaction (after autoflush). An UPDATE or
     *  DELETE of a model expires that model's objects, so the next read refreshes them. */
    template <class Stmt>
    auto execute(const Stmt& stmt) {
        check_usable("execute");
        autoflush();
        auto& conn = connection_for_read();
        using target = typename orm::detail::dml_target<Stmt>::type;
        if constexpr (!std::is_void_v<target>) expire_model<target>();
        return run(conn, stmt);
    }

    /** The first column of the first row (e.g. a count). */
    template <class Stmt>
    auto scalar(const Stmt& stmt) {
        check_usable("scalar");
        autoflush();
        auto& conn = connection_for_read();
        using R = typename Stmt::result_type;
        auto r = run(conn, stmt);
        if constexpr (requires { std::tuple_size<R>::value; }) {
            using V = std::tuple_element_t<0, R>;
            return r.template scalar<V>();
        } else {
            return r.template scalar<R>();
        }
    }

    /**
     * The bulk path, bypassing the identity map: inserts every object of `rows` through
     * Core's bulk insert, COPY on PostgreSQL and multi-row INSERTs on SQLite (SQLAlchemy's
     * `session.execute(insert(User), [dicts])`). Generated keys are not read back.
     */
    template <class T, std::ranges::input_range R>
    std::size_t bulk_insert(const R& rows) {
        check_usable("bulk_insert");
        autoflush();
        auto& conn = connection_for_write();
        auto& t = table<T>();
        return bulk_insert_rows<T>(conn, t, rows);
    }

    /**
     * Loads relationship `Member` of one object, or of every object of a range with one query
     * (SQLAlchemy's explicit load; retort never loads behind your back).
     *
     *     s.load<&User::posts>(alice);
     *     s.load<&User::posts>(s.scalars(retort::select<User>()));
     */
    template <auto Member, class P>
        requires(!std::ranges::range<P>)
    void load(P& parent) {
        std::vector<P*> parents{&parent};
        load_all<Member>(parents);
    }
    template <auto Member, std::ranges::range R>
    void load(R&& parents) {
        using P = std::remove_cvref_t<std::ranges::range_reference_t<R>>;
        std::vector<P*> ptrs;
        for (auto& p : parents) ptrs.push_back(&p);
        load_all<Member>(ptrs);
    }

    // ---- the unit of work -------------------------------------------------------------------

    /** Writes pending changes in the session's transaction (which stays open). */
    void flush();

    /** flush(), then COMMIT; the connection goes back to the pool. */
    void commit();

    /** ROLLBACK; objects go back to where they stood when the transaction began, keeping the
     *  values they hold (pending objects stay pending, so a fixed object can be retried). */
    void rollback();

    /** Reloads an object's columns from its row now. */
    template <class T>
    void refresh(T& obj) {
        check_usable("refresh");
        auto& t = table<T>();
        auto* e = owned_entry(t, obj, "refresh");
        if (e->state != object_state::persistent)
            throw session_error("not_persistent", "refresh(): the object has no row yet; flush() first");
        t.expire(*e);
        if (get_from_key<T>(orm::detail::key_of(obj)) == nullptr)
            throw session_error("row_gone", "refresh(): the object's row no longer exists");
    }

    /** Discards an object's unflushed changes and marks it so that the next query or get()
     *  that reads its row overwrites it. */
    template <class T>
    void expire(T& obj) {
        auto& t = table<T>();
        t.expire(*owned_entry(t, obj, "expire"));
    }
    /** expire() for every object in the session. */
    void expire_all();

    /** Removes an object from the session; it stays valid (detached) while the session lives. */
    template <class T>
    void expunge(T& obj) {
        auto& t = table<T>();
        auto* e = owned_entry(t, obj, "expunge");
        if (e->state == object_state::pending) t.drop_pending(*e);
        t.storage.unindex(*e);
        e->state = object_state::detached;
    }

    /**
     * Copies the state of `obj` (typically detached, or built from outside input) onto the
     * session's object with the same primary key, loading it if needed, or adds it as new;
     * returns the session's object.
     */
    template <class T>
    T& merge(const T& obj) {
        check_usable("merge");
        if (T* existing = get_from_key<T>(orm::detail::key_of(obj))) {
            orm::detail::copy_columns(*existing, obj);
            return *existing;
        }
        return add(T(obj));
    }

    /** Rolls back and detaches every object (references stay valid while the session lives). */
    void close();

    /** Where an object stands; detached for objects this session does not hold. */
    template <class T>
    [[nodiscard]] object_state state_of(const T& obj) {
        auto* e = table<T>().entry_of(obj);
        return e == nullptr ? object_state::detached : e->state;
    }

    /** Has the object changed since it was loaded or last flushed? */
    template <class T>
    [[nodiscard]] bool is_modified(const T& obj) {
        auto* e = table<T>().entry_of(obj);
        return e != nullptr && e->snapshot && orm::detail::changed_columns(obj, *e->snapshot) != 0;
    }

    /** While the returned guard lives, queries do not flush first. */
    [[nodiscard]] auto no_autoflush() {
        struct guard {
            session* s;
            bool previous;
            ~guard() { s->options_.autoflush = previous; }
        };
        guard g{this, options_.autoflush};
        options_.autoflush = false;
        return g;
    }

    // ---- events -----------------------------------------------------------------------------

    /** A listener for event E of model T in this session only. */
    template <event E, class T, class F>
    void listen(F&& fn) {
        table<T>().local.add(E, orm::detail::listeners::of<T>(std::forward<F>(fn)));
    }
    void on_before_flush(session_hook fn) { before_flush_.push_back(std::move(fn)); }
    void on_after_commit(session_hook fn) { after_commit_.push_back(std::move(fn)); }

    // ---- the connection ---------------------------------------------------------------------

    /** The session's connection, in its transaction (begun now if none is open). */
    retort::connection& connection() { return connection_for_write(); }
    [[nodiscard]] bool in_transaction() const noexcept { return tx_.has_value(); }
    [[nodiscard]] const session_options& options() const noexcept { return options_; }

private:
    friend struct orm::detail::graph_ops;
    friend struct orm::detail::loading_ops;
    using connection_type = retort::connection;

    template <class T>
    orm::detail::model_table<T>& table() {
        if (auto* t = find_table(typeid(T))) return static_cast<orm::detail::model_table<T>&>(*t);
        return add_table<T>();
    }
    // Once per model and session: kept out of line so that every lookup stays small.
    template <class T>
    [[gnu::noinline]] orm::detail::model_table<T>& add_table() {
        auto owned = std::make_unique<orm::detail::model_table<T>>(*this);
        auto& t = *owned;
        put_table(typeid(T), std::move(owned));
        return t;
    }
    /** The model's table, or nullptr when the session has not met the model yet. */
    orm::detail::table_base* find_table(const std::type_info& type) const noexcept;
    void put_table(const std::type_info& type, std::unique_ptr<orm::detail::table_base> t);

    template <class T>
    auto* owned_entry(orm::detail::model_table<T>& t, const T& obj, std::string_view what) {
        auto* e = t.entry_of(obj);
        if (e == nullptr) {
            throw session_error("not_in_session",
                                std::string(what) +
                                    "(): the object is not held by this session; use the reference "
                                    "add(), get() or scalars() returned, or merge() a copy");
        }
        return e;
    }

    template <class T, class... V>
    static void set_key(T& obj, const V&... v) {
        using M = retort::detail::model<T>;
        std::size_t k = 0;
        (
            [&]<class X>(const X& x) {
                [&]<std::size_t... K>(std::index_sequence<K...>) {
                    ((K == k ? assign_key<T, M::primary_key.columns[K]>(obj, x) : void()), ...);
                }(std::make_index_sequence<M::primary_key.size>{});
                ++k;
            }(v),
            ...);
    }
    template <class T, std::size_t C, class X>
    static void assign_key(T& obj, const X& x) {
        using F = orm::detail::column_field_t<T, C>;
        if constexpr (std::is_assignable_v<F&, const X&>) orm::detail::field<orm::detail::field_of_column<T, C>>(obj) = x;
    }

    template <class T, class Key>
    T* get_from_key(const Key& key) {
        return std::apply([&](const auto&... v) { return get<T>(v...); }, key);
    }

    template <auto Member, class P>
    void load_all(const std::vector<P*>& parents) {
        static_assert(retort::detail::relationship_meta<Member>::mapped,
                      "load<&T::member>(): this member is not a mapped relationship");
        check_usable("load");
        autoflush();
        auto& conn = connection_for_read();
        orm::detail::loading_ops::load<loader<load_strategy::selectin, Member>>(*this, conn, parents);
    }

    template <class T, class Stmt>
    orm::object_list<T> scalars_impl(const Stmt& stmt, bool populate_existing) {
        check_usable("scalars");
        autoflush();
        auto& conn = connection_for_read();
        auto& t = table<T>();
        auto r = run(conn, stmt);
        orm::object_list<T> out;
        constexpr bool joined = [] {
            if constexpr (requires { typename Stmt::load_plan; })
                return retort::detail::joined_layout<Stmt>::size != 0;
            else
                return false;
        }();
        if constexpr (joined) {
            using layout = retort::detail::joined_layout<Stmt>;
            check_width(r, layout::column_count);
            std::vector<T*> roots;
            orm::detail::loading_ops::read_joined<layout>(*this, conn, r, roots, populate_existing);
            for (T* p : roots) out.push_back(p);
        } else {
            check_width(r, retort::detail::model<T>::column_count);
            const retort::detail::row_context ctx{&r, {}};
            while (r.has_row()) {
                out.push_back(&t.merge_row(r.row(), ctx, populate_existing).object);
                r.next();
            }
        }
        if constexpr (requires { typename Stmt::load_plan; }) {
            r = result{};
            run_plan(conn, out.all(), typename Stmt::load_plan{});
        }
        return out;
    }

    static void check_width(const result& r, std::size_t expected) {
        if (r.has_row() && r.row().size() != expected) {
            throw data_error("decode", "scalars(): the query returns " + std::to_string(r.row().size()) +
                                           " columns; its model and joined loads need " +
                                           std::to_string(expected));
        }
    }

    /** The plan's top-level selectin options (joined ones were read with the rows). */
    template <class T, class... L>
    void run_plan(connection_type& conn, const std::vector<T*>& parents, retort::detail::type_list<L...>) {
        (
            [&] {
                if constexpr (L::strategy == load_strategy::selectin)
                    orm::detail::loading_ops::load<L>(*this, conn, parents);
            }(),
            ...);
    }

    /** Runs a Core statement in the session's transaction (the engine's path, unchanged). */
    template <class Stmt>
    static result run(connection_type& conn, const Stmt& stmt) {
        return retort::detail::run_statement(conn, stmt);
    }

    template <class T>
    static auto sql_col_deleted_at() {
        return retort::col<&T::deleted_at, T>;
    }

    template <class T>
    void expire_model() {
        if (auto* t = find_table(typeid(T))) t->expire_all();
    }

    template <class T, class R>
    std::size_t bulk_insert_rows(connection_type& conn, orm::detail::model_table<T>& t, const R& rows);

    static constexpr int max_flush_rounds = 8;

    /** The save-update cascade over every model, until no handle brings a new object. */
    void cascade_all();

    bool any_pending() const;

    void autoflush() {
        if (options_.autoflush && !flushing_) flush();
    }

    [[nodiscard]] bool handles_changed() const noexcept {
        return retort::detail::handle_changes.load(std::memory_order_relaxed) != cascaded_changes_;
    }

    void check_usable(std::string_view what) const {
        if (failed_reason_) throw_pending_rollback(what);
    }
    [[noreturn]] void throw_pending_rollback(std::string_view what) const;

    connection_type& connection_for_read() { return connection_for_write(); }

    connection_type& connection_for_write() {
        if (!conn_) conn_.emplace(engine_.connect());
        if (!tx_) tx_.emplace(conn_->begin());
        return *conn_;
    }

    /** Foreign-key order of the models in the session: parents before children. */
    std::vector<orm::detail::table_base*> flush_order() const;

    void end_transaction(bool commit);

    const engine& engine_;
    session_options options_;
    std::optional<connection_type> conn_;
    std::optional<transaction> tx_;
    // A session meets few models: a short list, searched by type, beats a hash map.
    struct model_entry {
        const std::type_info* type;
        std::unique_ptr<orm::detail::table_base> table;
    };
    std::vector<model_entry> tables_;
    orm::detail::graph_work work_;
    orm::detail::handle_log log_;
    static constexpr std::uint64_t no_changes_seen = ~std::uint64_t{0};
    std::uint64_t cascaded_changes_ = no_changes_seen;  // handle changes the last cascade saw
    std::vector<orm::detail::link_step> delete_links_;
    std::vector<session_hook> before_flush_, after_commit_;
    std::optional<std::string> failed_reason_;
    bool flushing_ = false;
};

/** A factory of sessions with shared options: SQLAlchemy's sessionmaker. */
class sessionmaker {
public:
    explicit sessionmaker(const engine& e, session_options options = {}) : engine_(e), options_(options) {}
    [[nodiscard]] session operator()() const { return session(engine_, options_); }

private:
    const engine& engine_;
    session_options options_;
};

}  // namespace retort

#include "retort/orm/detail/session_impl.hpp"  // the session's member templates

#ifdef RETORT_HEADER_ONLY
#include "retort/orm/detail/session-inl.hpp"
#endif
