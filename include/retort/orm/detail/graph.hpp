// The session's work on relationships: adopting new related objects (save-update cascade),
// keeping foreign keys and association rows in step with the handles, and cascading deletes.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <typeindex>
#include <unordered_map>
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

/** What a flush round must do beyond each model's own rows. */
struct graph_work {
    /** Foreign-key assignments, run just before the inserts of the model holding the key. */
    std::unordered_map<std::type_index, std::vector<std::function<void()>>> keys;
    /** Association rows to insert or delete, run after every insert of the round. */
    std::vector<std::function<void(retort::connection&)>> links;

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
    std::vector<std::function<void()>> undo;

    template <class T>
    void taken(many<T>& handle, std::vector<T*> added, std::vector<T*> removed) {
        undo.push_back([&handle, added = std::move(added), removed = std::move(removed)] {
            auto& a = relationship_access::added(handle);
            auto& r = relationship_access::removed(handle);
            a.insert(a.begin(), added.begin(), added.end());
            r.insert(r.begin(), removed.begin(), removed.end());
        });
    }
    template <class T>
    void taken(one<T>& handle) {
        undo.push_back([&handle] { relationship_access::changed(handle) = true; });
    }
    void commit() { undo.clear(); }
    void rollback() {
        for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
        undo.clear();
    }
};

template <class Assoc, bool WithKey = true>
void bind_all_sent(const Assoc& a, std::vector<value_view>& params, std::deque<std::string>& scratch) {
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
                constexpr auto ref = referenced_member<meta::key>();
                auto& keys = s.work_.keys[typeid(C)];
                for (C* child : put_in) {
                    keys.push_back([child, &parent] {
                        assign_key(child->*meta::key, parent.*ref);
                        set_back_reference<Member>(*child, parent);
                    });
                }
                if (!fresh)
                    for (C* child : removed) orphan<Member>(s, *child);
            } else {  // many_to_many
                for (C* child : put_in) s.work_.links.push_back(link_work<Member, true>(s, parent, *child));
                if (!fresh)
                    for (C* child : removed) s.work_.links.push_back(link_work<Member, false>(s, parent, *child));
            }
            s.log_.taken(handle, std::exchange(added, {}), std::exchange(removed, {}));
            relationship_access::release_changes(handle);
        } else {
            bool& changed = relationship_access::changed(handle);
            if (!fresh && !changed) return;
            C* target = relationship_access::target(handle);
            constexpr auto ref = referenced_member<meta::key>();
            if constexpr (meta::kind == relationship_kind::belongs_to) {
                if (target != nullptr) {
                    s.work_.keys[typeid(T)].push_back(
                        [&parent, target] { assign_key(parent.*meta::key, target->*ref); });
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
                if (target != nullptr) {
                    s.work_.keys[typeid(C)].push_back(
                        [&parent, target] { assign_key(target->*meta::key, parent.*ref); });
                }
            }
            if (changed) s.log_.taken(handle);
            changed = false;
        }
    }

    /** The INSERT (Insert = true) or DELETE of the association row of `parent` and `child`. */
    template <auto Member, bool Insert, class Session, class P, class C>
    static std::function<void(retort::connection&)> link_work(Session& s, P& parent, C& child) {
        using meta = relationship_meta<Member>;
        using A = typename meta::association;
        return [&s, &parent, &child](retort::connection& conn) {
            constexpr auto this_ref = referenced_member<meta::key>();
            constexpr auto other_ref = referenced_member<meta::other_key>();
            A link{};
            link.*meta::key = parent.*this_ref;
            link.*meta::other_key = child.*other_ref;
            run_link<A, Insert>(s, conn, link);
        };
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
        scratch.clear();
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

    /** Before a parent's DELETE: its association rows go, and with cascade delete_ its
     *  related objects are removed too (loading them first when needed). */
    template <class Session, class T>
    static void cascade_delete(Session& s, T& parent) {
        for_each_relationship<T>([&]<auto Member>() {
            using meta = relationship_meta<Member>;
            const bool deletes = (meta::cascades & static_cast<unsigned>(cascade::delete_)) != 0;
            if constexpr (meta::kind == relationship_kind::many_to_many) {
                using A = typename meta::association;
                constexpr auto this_ref = referenced_member<meta::key>();
                s.delete_links_.push_back([&s, &parent](retort::connection& conn) {
                    auto& t = s.template table<A>();
                    auto& params = t.params();
                    auto& scratch = t.scratch();
                    params.clear();
                    scratch.clear();
                    using K = std::remove_cvref_t<decltype(parent.*this_ref)>;
                    scratch.emplace_back();
                    params.push_back(type_traits<K>::to_value(parent.*this_ref, scratch.back()));
                    const std::string_view sql =
                        text_for<delete_links_node<A, meta::key>>(conn.dialect());
                    conn.execute_prepared(sql.data(), sql.size(), params);
                });
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
