// The session's work on relationships: adopting new related objects (save-update cascade),
// keeping foreign keys and association rows in step with the handles, and cascading deletes.
#pragma once

#include <string>
#include <typeindex>
#include <utility>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/errors.hpp"
#include "retort/orm/detail/model_table.hpp"
#include "retort/orm/detail/relationships.hpp"
#include "retort/sql/in.hpp"
#include "retort/sql/loading.hpp"

namespace retort {
class session;
}

namespace retort::orm::detail {

/** A deferred step of a flush: a function of one model pair, with the objects it acts on.
 *  A plain function pointer per relationship, not a std::function per captured lambda. */
struct key_step {
    void (*run)(void* child, void* parent);
    void* child;
    void* parent;
    void operator()() const { run(child, parent); }
};
struct link_step {
    void (*run)(retort::connection& conn, session& s, void* parent, void* child);
    session* s;
    void* parent;
    void* child;
    void operator()(retort::connection& conn) const { run(conn, *s, parent, child); }
};

/** What a flush round must do beyond each model's own rows. */
struct graph_work {
    /** Foreign-key assignments, run just before the inserts of the model holding the key. */
    std::vector<std::pair<std::type_index, std::vector<key_step>>> keys;
    /** Association rows to insert or delete, run after every insert of the round. */
    std::vector<link_step> links;

    /** The assignments to run before the inserts of `model`. */
    std::vector<key_step>& keys_for(std::type_index model) {
        for (auto& [type, steps] : keys)
            if (type == model) return steps;
        return keys.emplace_back(model, std::vector<key_step>{}).second;
    }
    [[nodiscard]] const std::vector<key_step>* find_keys(std::type_index model) const {
        for (const auto& [type, steps] : keys)
            if (type == model) return &steps;
        return nullptr;
    }

    void clear() {
        keys.clear();
        links.clear();
    }
};

/**
 * The changes each flush took out of the handles (what was added, taken out or re-pointed
 * since the previous flush), kept until the transaction ends: a rollback gives them back, so
 * the next flush writes them again.
 */
struct handle_log {
    struct record {
        void (*restore)(record& r);
        void* handle;
        std::vector<void*> added, removed;
    };
    std::vector<record> undo;

    template <class T>
    void taken(many<T>& handle, const std::vector<T*>& added, const std::vector<T*>& removed) {
        undo.push_back({&restore_many<T>, &handle, {added.begin(), added.end()}, {removed.begin(), removed.end()}});
    }
    template <class T>
    void taken(one<T>& handle) {
        undo.push_back({&restore_one<T>, &handle, {}, {}});
    }
    void commit() { undo.clear(); }
    void rollback() {
        for (auto it = undo.rbegin(); it != undo.rend(); ++it) it->restore(*it);
        undo.clear();
    }

private:
    template <class T>
    static void restore_many(record& r) {
        auto& handle = *static_cast<many<T>*>(r.handle);
        auto& a = relationship_access::added(handle);
        auto& d = relationship_access::removed(handle);
        a.insert(a.begin(), r.added.size(), nullptr);
        for (std::size_t i = 0; i != r.added.size(); ++i) a[i] = static_cast<T*>(r.added[i]);
        d.insert(d.begin(), r.removed.size(), nullptr);
        for (std::size_t i = 0; i != r.removed.size(); ++i) d[i] = static_cast<T*>(r.removed[i]);
    }
    template <class T>
    static void restore_one(record& r) {
        relationship_access::changed(*static_cast<one<T>*>(r.handle)) = true;
    }
};

template <class Assoc, bool WithKey = true>
void bind_all_sent(const Assoc& a, std::vector<value_view>& params, scratch_strings& scratch) {
    for_each_column<Assoc>([&](auto c) {
        constexpr std::size_t C = decltype(c)::value;
        if constexpr (sent_on_insert<Assoc, WithKey>(C)) bind_column<Assoc, C>(a, params, scratch);
    });
}

/** `DELETE FROM assoc WHERE key = ?`: every association row of one parent. */
template <class Assoc, auto Key>
struct delete_links_node {
    static constexpr void render(writer& w) {
        using M = model<Assoc>;
        w.put("DELETE FROM ");
        put_ident(w, M::table_name);
        w.put(" WHERE ");
        put_ident(w, M::columns[M::template column_index<Key>].name);
        w.put(" = ");
        put_param(w);
    }
};

/*
 * The session's operations on the object graph. Templates over the session type so they can
 * live beside the session without a circular include; the session befriends this struct.
 *
 * save-update cascade, run at the start of each flush round over every object in the session:
 *  - objects created through a handle (`user.posts.add(Post{...})`, `post.author.set(User{})`)
 *    are adopted as pending, keeping their address;
 *  - has_many / has_one: each related object's foreign key is set to the parent's key, just
 *    before the related model's inserts (so a parent inserted in the same flush has its key);
 *    objects taken out of a collection are orphaned (key NULL) or, with delete_orphan,
 *    deleted; the back-reference (a belongs_to on the same key) is pointed at the parent;
 *  - belongs_to: the object's own key follows its `one<>` target;
 *  - many_to_many: association rows are inserted for objects added to the collection and
 *    deleted for objects taken out, after the round's inserts.
 */
struct graph_ops {
    /** Adopts the objects created through T's handles; true when any was adopted (their own
     *  handles may bring more, so the caller repeats until none is). */
    template <class Session, class T>
    static bool adopt(Session& s, model_table<T>& t) {
        bool adopted = false;
        for (auto& e : t.storage.entries()) {
            if (!live(e)) continue;
            for_each_relationship<T>([&]<auto Member>() {
                using meta = relationship_meta<Member>;
                using C = typename meta::target;
                auto& handle = e.object.*Member;
                if constexpr (meta::to_many) {
                    if (!relationship_access::has_changes(handle)) return;
                    auto& owned = relationship_access::owned(handle);
                    for (auto& sp : owned) {
                        prepare_new(*sp);
                        s.template table<C>().add_pending(sp);
                        adopted = true;
                    }
                    owned.clear();
                } else {
                    auto& owned = relationship_access::owned(handle);
                    if (owned) {
                        prepare_new(*owned);
                        s.template table<C>().add_pending(owned);
                        owned.reset();
                        adopted = true;
                    }
                }
            });
        }
        return adopted;
    }

    /** Registers the key assignments and association rows T's handles call for: the changes
     *  made through them since the last flush, or everything a pending object holds. */
    template <class Session, class T>
    static void cascade(Session& s, model_table<T>& t) {
        for (auto& e : t.storage.entries()) {
            if (!live(e)) continue;
            const bool fresh = e.state == object_state::pending;
            for_each_relationship<T>([&]<auto Member>() { cascade_one<Member>(s, e.object, fresh); });
        }
    }

    template <class E>
    static bool live(const E& e) {
        return e.state != object_state::detached && e.state != object_state::deleted &&
               !e.remove_requested;
    }

    template <auto Member, class Session, class T>
    static void cascade_one(Session& s, T& parent, bool fresh) {
        using meta = relationship_meta<Member>;
        using C = typename meta::target;
        auto& handle = parent.*Member;
        if (!handle.loaded()) return;
        if constexpr (meta::to_many) {
            // Most handles have no change lists at all: look without creating them.
            if (!relationship_access::has_changes(handle) &&
                (!fresh || relationship_access::items(handle).empty()))
                return;
            auto& added = relationship_access::added(handle);
            auto& removed = relationship_access::removed(handle);
            if (!fresh && added.empty() && removed.empty()) return;
            // A new parent has no rows yet: all it holds is new to the database.
            const std::vector<C*>& put_in = fresh ? relationship_access::items(handle) : added;
            if constexpr (meta::kind == relationship_kind::has_many) {
                auto& keys = s.work_.keys_for(typeid(C));
                for (C* child : put_in) keys.push_back({&adopt_child<Member, C, T>, child, &parent});
                if (!fresh)
                    for (C* child : removed) orphan<Member>(s, *child);
            } else {  // many_to_many
                for (C* child : put_in) s.work_.links.push_back({&link_work<Member, true, T, C>, &s, &parent, child});
                if (!fresh)
                    for (C* child : removed)
                        s.work_.links.push_back({&link_work<Member, false, T, C>, &s, &parent, child});
            }
            s.log_.taken(handle, added, removed);
            added.clear();
            removed.clear();
            relationship_access::release_changes(handle);
        } else {
            bool& changed = relationship_access::changed(handle);
            if (!fresh && !changed) return;
            C* target = relationship_access::target(handle);
            if constexpr (meta::kind == relationship_kind::belongs_to) {
                if (target != nullptr) {
                    s.work_.keys_for(typeid(T)).push_back({&follow_target<Member, T, C>, &parent, target});
                } else if (changed) {
                    if constexpr (is_nullable_member<reflect::member_type_t<meta::key>>) {
                        parent.*meta::key = std::nullopt;
                    } else {
                        throw session_error("null_reference",
                                            std::string(relationship_name<Member>::value) +
                                                " was reset, but its foreign key is NOT NULL");
                    }
                }
            } else {  // has_one
                if (target != nullptr) s.work_.keys_for(typeid(C)).push_back({&adopt_one<Member, C, T>, target, &parent});
            }
            if (changed) s.log_.taken(handle);
            changed = false;
        }
    }

    /** has_many: the child's key is the parent's, and its back-reference the parent. */
    template <auto Member, class C, class P>
    static void adopt_child(void* child, void* parent) {
        using meta = relationship_meta<Member>;
        constexpr auto ref = referenced_member<meta::key>();
        assign_key(static_cast<C*>(child)->*meta::key, static_cast<P*>(parent)->*ref);
        set_back_reference<Member>(*static_cast<C*>(child), *static_cast<P*>(parent));
    }
    /** has_one: the related object's key is the parent's. */
    template <auto Member, class C, class P>
    static void adopt_one(void* child, void* parent) {
        using meta = relationship_meta<Member>;
        constexpr auto ref = referenced_member<meta::key>();
        assign_key(static_cast<C*>(child)->*meta::key, static_cast<P*>(parent)->*ref);
    }
    /** belongs_to: the object's own key follows its target. */
    template <auto Member, class T, class C>
    static void follow_target(void* obj, void* target) {
        using meta = relationship_meta<Member>;
        constexpr auto ref = referenced_member<meta::key>();
        assign_key(static_cast<T*>(obj)->*meta::key, static_cast<C*>(target)->*ref);
    }

    /** The INSERT (Insert = true) or DELETE of the association row of `parent` and `child`. */
    template <auto Member, bool Insert, class P, class C, class Session>
    static void link_work(retort::connection& conn, Session& s, void* parent, void* child) {
        using meta = relationship_meta<Member>;
        using A = typename meta::association;
        constexpr auto this_ref = referenced_member<meta::key>();
        constexpr auto other_ref = referenced_member<meta::other_key>();
        A link{};
        link.*meta::key = static_cast<P*>(parent)->*this_ref;
        link.*meta::other_key = static_cast<C*>(child)->*other_ref;
        run_link<A, Insert>(s, conn, link);
    }

    /** Points a child's belongs_to on the same key at its parent, if it has one. */
    template <auto Member, class C, class P>
    static void set_back_reference(C& child, P& parent) {
        for_each_relationship<C>([&]<auto Back>() {
            using back = relationship_meta<Back>;
            if constexpr (back::kind == relationship_kind::belongs_to &&
                          std::is_same_v<typename back::target, P>) {
                if constexpr (back::key == relationship_meta<Member>::key)
                    relationship_access::set_loaded(child.*Back, &parent);
            }
        });
    }

    /** A child taken out of a has_many collection: deleted (delete_orphan) or its key NULLed. */
    template <auto Member, class Session, class C>
    static void orphan(Session& s, C& child) {
        using meta = relationship_meta<Member>;
        if ((meta::cascades & static_cast<unsigned>(cascade::delete_orphan)) != 0) {
            s.remove(child);
        } else if constexpr (is_nullable_member<reflect::member_type_t<meta::key>>) {
            child.*meta::key = std::nullopt;
        } else {
            throw session_error("orphan",
                                "an object was taken out of " +
                                    std::string(relationship_name<Member>::value) +
                                    " but its foreign key is NOT NULL: map the relationship with "
                                    ".cascades(retort::cascade::save_update | "
                                    "retort::cascade::delete_orphan) or remove() the object");
        }
    }

    /** INSERT (Insert = true) or DELETE of one association row. */
    template <class A, bool Insert, class Session>
    static void run_link(Session& s, retort::connection& conn, const A& link) {
        static_assert(model<A>::primary_key.size == 2 && model<A>::autoincrement_column == retort::detail::npos,
                      "many_to_many: the association model's primary key must be its two keys");
        auto& t = s.template table<A>();
        auto& params = t.params();
        auto& scratch = t.scratch();
        params.clear();
        scratch.reset();
        if constexpr (Insert) {
            const std::string_view sql = text_for<insert_node<A, true>>(conn.dialect());
            bind_all_sent<A>(link, params, scratch);
            conn.execute_prepared(sql.data(), sql.size(), params);
        } else {
            const std::string_view sql = text_for<delete_by_key_node<A>>(conn.dialect());
            t.bind_key(link);
            conn.execute_prepared(sql.data(), sql.size(), params);
        }
    }

    /** Every association row of a parent, before its DELETE. */
    template <auto Member, class T, class Session>
    static void unlink_all(retort::connection& conn, Session& s, void* obj, void*) {
        using meta = relationship_meta<Member>;
        using A = typename meta::association;
        constexpr auto this_ref = referenced_member<meta::key>();
        const T& parent = *static_cast<const T*>(obj);
        auto& t = s.template table<A>();
        auto& params = t.params();
        auto& scratch = t.scratch();
        params.clear();
        scratch.reset();
        using K = std::remove_cvref_t<decltype(parent.*this_ref)>;
        params.push_back(type_traits<K>::to_value(parent.*this_ref, scratch.emplace_back()));
        const std::string_view sql = text_for<delete_links_node<A, meta::key>>(conn.dialect());
        conn.execute_prepared(sql.data(), sql.size(), params);
    }

    /** Before a parent's DELETE: its association rows go, and with cascade delete_ its
     *  related objects are removed too (loading them first when needed). */
    template <class Session, class T>
    static void cascade_delete(Session& s, T& parent) {
        for_each_relationship<T>([&]<auto Member>() {
            using meta = relationship_meta<Member>;
            const bool deletes = (meta::cascades & static_cast<unsigned>(cascade::delete_)) != 0;
            if constexpr (meta::kind == relationship_kind::many_to_many) {
                s.delete_links_.push_back({&unlink_all<Member, T>, &s, &parent, nullptr});
            } else if constexpr (meta::kind == relationship_kind::has_many ||
                                 meta::kind == relationship_kind::has_one) {
                if (!deletes) return;
                if (!(parent.*Member).loaded()) {
                    auto guard = s.no_autoflush();  // the parent's removal must not flush yet
                    s.template load<Member>(parent);
                }
                if constexpr (meta::to_many) {
                    for (auto* child : relationship_access::items(parent.*Member)) s.remove(*child);
                } else if (auto* child = relationship_access::target(parent.*Member)) {
                    s.remove(*child);
                }
            }
        });
    }

};

template <class T>
bool model_table<T>::adopt() {
    return graph_ops::adopt(*owner_, *this);
}
template <class T>
void model_table<T>::cascade() {
    graph_ops::cascade(*owner_, *this);
}

}  // namespace retort::orm::detail
