// The session's loading of relationships: selectin plans (one SELECT ... IN per level) and
// joined plans (the main query's extra columns, read into handles as the rows go by).
#pragma once

#include <array>
#include <tuple>
#include <utility>
#include <span>
#include <string>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/decode.hpp"
#include "retort/orm/detail/containers.hpp"
#include "retort/orm/detail/graph.hpp"
#include "retort/sql/in.hpp"
#include "retort/sql/loading.hpp"

namespace retort::orm::detail {

struct loading_ops {
    // ---- loading ---------------------------------------------------------------------------

    /**
     * Loads relationship L::member of `parents` with one SELECT ... IN (keys) and then L's
     * nested options on what it loaded: 1 + depth statements whatever the row counts.
     */
    template <class L, class Session, class P>
    static void load(Session& s, retort::connection& conn, const std::vector<P*>& parents) {
        constexpr auto Member = L::member;
        using meta = relationship_meta<Member>;
        using C = typename meta::target;
        std::vector<C*> loaded = load_level<Member>(s, conn, parents);
        [&]<class... Then>(retort::detail::type_list<Then...>) {
            (load<Then>(s, conn, loaded), ...);
        }(typename L::then_type{});
    }

    /** A set or map keyed by one value (a key, an object's address), without a node per entry.
     *  What it maps to is held as void*: one instantiation per key type, whatever the models. */
    template <class K>
    using index_by = identity_index<std::tuple<K>, void, key_hash<std::tuple<K>>>;
    /** Objects by address, of any model. */
    using pointer_index = index_by<const void*>;

    template <auto Member, class Session, class P>
    static std::vector<typename relationship_meta<Member>::target*> load_level(
        Session& s, retort::connection& conn, const std::vector<P*>& parents) {
        using meta = relationship_meta<Member>;
        using C = typename meta::target;
        std::vector<C*> children;
        if (parents.empty()) return children;
        auto& target_table = s.template table<C>();
        const auto d = conn.dialect();

        if constexpr (meta::kind == relationship_kind::belongs_to) {
            constexpr auto ref = referenced_member<meta::key>();
            using K = value_t<std::remove_cvref_t<decltype(std::declval<P&>().*meta::key)>>;
            std::vector<K> keys;
            keys.reserve(parents.size());
            for (P* p : parents) {
                const auto& k = p->*meta::key;
                if constexpr (nullable_v<std::remove_cvref_t<decltype(k)>>) {
                    if (k) keys.push_back(*k);
                } else {
                    keys.push_back(k);
                }
            }
            dedupe(keys);
            index_by<K> by_key;  // -> C
            if (!keys.empty()) {
                run_selectin<Member>(conn, d, keys, [&](std::span<const value_view> row, const result& r) {
                    C* c = merge_row<C>(target_table, row, r);
                    by_key.assign(std::tuple<K>(c->*ref), c);
                    children.push_back(c);  // one row per key: no repeats
                });
            }
            for (P* p : parents) {
                const auto& k = p->*meta::key;
                C* found = nullptr;
                if constexpr (nullable_v<std::remove_cvref_t<decltype(k)>>) {
                    if (k) found = static_cast<C*>(by_key.find(std::tuple<K>(*k)));
                } else {
                    found = static_cast<C*>(by_key.find(std::tuple<K>(k)));
                }
                relationship_access::set_loaded(p->*Member, found);
            }
        } else {
            constexpr auto ref = referenced_member<meta::key>();
            using K = std::remove_cvref_t<decltype(std::declval<P&>().*ref)>;
            // Each distinct parent key owns the list of the first parent that has it.
            std::vector<std::vector<C*>> lists(parents.size());
            index_by<K> by_key;  // -> std::vector<C*>
            std::vector<K> keys;
            keys.reserve(parents.size());
            for (std::size_t i = 0; i != parents.size(); ++i) {
                const std::tuple<K> k(parents[i]->*ref);
                if (by_key.find(k) != nullptr) continue;
                by_key.assign(k, &lists[i]);
                keys.push_back(std::get<0>(k));
            }
            // Rows first, then each list sized once: one allocation per parent, not one per growth.
            std::vector<std::pair<std::vector<C*>*, C*>> placed;
            run_selectin<Member>(conn, d, keys, [&](std::span<const value_view> row, const result& r) {
                if constexpr (meta::kind == relationship_kind::many_to_many) {
                    const K parent_key = type_traits<K>::from_value(row[0]);
                    C* c = merge_row<C>(target_table, row.subspan(1), r);
                    if (auto* list = by_key.find(std::tuple<K>(parent_key)))
                        placed.emplace_back(static_cast<std::vector<C*>*>(list), c);
                    children.push_back(c);
                } else {
                    C* c = merge_row<C>(target_table, row, r);
                    const auto& fk = c->*meta::key;
                    std::vector<C*>* list = nullptr;
                    if constexpr (nullable_v<std::remove_cvref_t<decltype(fk)>>) {
                        if (fk) list = static_cast<std::vector<C*>*>(by_key.find(std::tuple<K>(*fk)));
                    } else {
                        list = static_cast<std::vector<C*>*>(by_key.find(std::tuple<K>(fk)));
                    }
                    if (list != nullptr) placed.emplace_back(list, c);
                    children.push_back(c);
                }
            });
            std::vector<std::size_t> sizes(lists.size());
            for (const auto& [list, c] : placed) ++sizes[static_cast<std::size_t>(list - lists.data())];
            for (std::size_t i = 0; i != lists.size(); ++i)
                if (sizes[i] != 0) lists[i].reserve(sizes[i]);
            for (const auto& [list, c] : placed) list->push_back(c);
            // Parents sharing a key (the same object passed twice) get copies first; then each
            // list moves into its own parent's handle.
            for (std::size_t i = 0; i != parents.size(); ++i) {
                auto* list = static_cast<std::vector<C*>*>(by_key.find(std::tuple<K>(parents[i]->*ref)));
                if (list != &lists[i]) give<Member>(*parents[i], std::vector<C*>(*list));
            }
            for (std::size_t i = 0; i != parents.size(); ++i)
                if (by_key.find(std::tuple<K>(parents[i]->*ref)) == &lists[i])
                    give<Member>(*parents[i], std::move(lists[i]));
            // A tag shared by several posts comes once per post.
            if constexpr (meta::kind == relationship_kind::many_to_many) dedupe(children);
        }
        return children;
    }

    /** Sets a loaded relationship of `parent` to `items`, and its children's back-references. */
    template <auto Member, class P, class C>
    static void give(P& parent, std::vector<C*> items) {
        using meta = relationship_meta<Member>;
        auto& handle = parent.*Member;
        if constexpr (meta::to_many) {
            if constexpr (meta::kind == relationship_kind::has_many)
                for (C* c : items) graph_ops::set_back_reference<Member>(*c, parent);
            relationship_access::set_loaded(handle, std::move(items));
        } else {
            relationship_access::set_loaded(handle, items.empty() ? nullptr : items.front());
        }
    }

    /** Drops repeated values, keeping the first of each in order. */
    template <class K>
    static void dedupe(std::vector<K>& v) {
        using I = std::conditional_t<std::is_pointer_v<K>, pointer_index, index_by<K>>;
        I seen;
        static char mark = 0;
        std::size_t out = 0;
        for (std::size_t i = 0; i != v.size(); ++i) {
            const typename I::key_type k(v[i]);
            if (seen.find(k) != nullptr) continue;
            seen.assign(k, &mark);
            if (out != i) v[out] = std::move(v[i]);
            ++out;
        }
        v.resize(out);
    }

    /** Decodes a row of C's columns and puts it through the identity map. */
    template <class C>
    static C* merge_row(model_table<C>& t, std::span<const value_view> row, const result& r) {
        if (row.size() < model<C>::column_count)
            throw data_error("decode", "a loading query returned too few columns");
        const retort::detail::row_context ctx{&r, {}};
        return &t.merge_row(row.first(model<C>::column_count), ctx, false).object;
    }

    /** Runs the selectin query of `Member` for `keys` (one bound list), calling `on_row`. */
    template <auto Member, class K, class F>
    static void run_selectin(retort::connection& conn, retort::detail::dialect_kind d,
                             const std::vector<K>& keys, F&& on_row) {
        const std::string_view sql = retort::detail::selectin_query_text<Member>(d);
        std::string encoded;
        retort::detail::encode_in_list(encoded, d, keys);
        const value_view param = value_view::text(encoded);
        auto r = conn.execute_prepared(sql.data(), sql.size(), std::span<const value_view>(&param, 1));
        while (r.has_row()) {
            on_row(r.row(), r);
            r.next();
        }
    }

    // ---- joined plans --------------------------------------------------------------------------

    /** Per joined entry: the parents seen (in order), the children each one got, and every
     *  child once. */
    template <class P, class C>
    struct joined_state {
        std::vector<P*> parents;
        stable_vector<std::vector<C*>> lists;  // by the parent's position (stable)
        pointer_index list_of;  // parent -> its list (std::vector<C*>)
        identity_index<std::tuple<const void*, const void*>, void,
                       key_hash<std::tuple<const void*, const void*>>> pairs;  // (parent, child) seen
        pointer_index seen;
        std::vector<C*> all;
        model_table<C>* table = nullptr;  // looked up once, not per row
        const P* last_parent = nullptr;    // a parent's rows usually come together
        std::vector<C*>* last_list = nullptr;
    };

    template <class Entries, class Root>
    struct joined_types;

    /**
     * Reads a result whose rows are the model's columns followed by each joined loader's
     * target columns (retort::detail::joined_layout): each row's root object goes through the
     * identity map once per distinct key (parents are de-duplicated), each non-NULL target
     * part becomes (or finds) its object, and at the end every handle the plan names is set,
     * loaded, for every parent seen, empty where no row brought a child.
     */
    template <class Layout, class Session, class T>
    static void read_joined(Session& s, retort::connection& conn, result& r, std::vector<T*>& roots,
                            bool populate_existing) {
        using entries = typename Layout::entries;
        constexpr std::size_t n = entries::size;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            std::tuple<joined_state<parent_of<retort::detail::at_t<I, entries>, T, entries>,
                                    typename retort::detail::at_t<I, entries>::target>...>
                states;
            pointer_index seen;
            static char mark = 0;
            auto& root_table = s.template table<T>();
            const retort::detail::row_context ctx{&r, {}};
            const T* last_root = nullptr;  // a root's rows usually come together
            while (r.has_row()) {
                const auto row = r.row();
                T* root = &root_table
                               .merge_row(row, ctx, populate_existing)
                               .object;
                if (root != last_root && seen.find(std::tuple<const void*>(root)) == nullptr) {
                    seen.assign(std::tuple<const void*>(root), &mark);
                    roots.push_back(root);
                }
                last_root = root;
                std::array<void*, n> objs{};
                (read_entry<retort::detail::at_t<I, entries>, T, entries>(s, row, ctx, root, objs,
                                                                           std::get<I>(states), I),
                 ...);
                r.next();
            }
            r = result{};  // the connection is free for the nested queries
            (finish_entry<retort::detail::at_t<I, entries>>(std::get<I>(states)), ...);
            (nested_selectin<retort::detail::at_t<I, entries>>(s, conn, std::get<I>(states).all), ...);
        }(std::make_index_sequence<n>{});
    }

    /** Selectin options nested under a joined one run on the objects it loaded. */
    template <class E, class Session, class C>
    static void nested_selectin(Session& s, retort::connection& conn, const std::vector<C*>& loaded) {
        [&]<class... L>(retort::detail::type_list<L...>) {
            (
                [&] {
                    if constexpr (L::strategy == load_strategy::selectin) load<L>(s, conn, loaded);
                }(),
                ...);
        }(typename E::loader::then_type{});
    }

    /** The type of the objects owning entry E's relationship. */
    template <class E, class Root, class Entries>
    using parent_of = std::conditional_t<E::parent == retort::detail::npos, Root,
                                         typename retort::detail::at_t<
                                             (E::parent == retort::detail::npos ? 0 : E::parent),
                                             Entries>::target>;

    template <class E, class Root, class Entries, class Session, class State, std::size_t N>
    static void read_entry(Session& s, std::span<const value_view> row,
                           const retort::detail::row_context& ctx, Root* root,
                           std::array<void*, N>& objs, State& state, std::size_t i) {
        using P = parent_of<E, Root, Entries>;
        using C = typename E::target;
        P* parent = nullptr;
        if constexpr (E::parent == retort::detail::npos)
            parent = root;
        else
            parent = static_cast<P*>(objs[E::parent]);
        if (parent == nullptr) return;
        std::vector<C*>* list = parent == state.last_parent
                                    ? state.last_list
                                    : static_cast<std::vector<C*>*>(state.list_of.find(std::tuple<const void*>(parent)));
        if (list == nullptr) {
            state.parents.push_back(parent);
            list = &state.lists.emplace_back();
            state.list_of.assign(std::tuple<const void*>(parent), list);
        }
        state.last_parent = parent;
        state.last_list = list;
        const auto part = row.subspan(E::offset, E::width);
        for (std::size_t k = 0; k != model<C>::primary_key.size; ++k)
            if (part[model<C>::primary_key.columns[k]].is_null()) return;  // no related row
        if (state.table == nullptr) state.table = &s.template table<C>();
        C* child = &state.table->merge_row(part, ctx, false).object;
        objs[i] = child;
        static char mark = 0;
        const bool first_time = state.seen.find(std::tuple<const void*>(child)) == nullptr;
        if (first_time) {
            state.seen.assign(std::tuple<const void*>(child), &mark);
            state.all.push_back(child);
        }
        constexpr auto kind = relationship_meta<E::member>::kind;
        if constexpr (kind == relationship_kind::has_many || kind == relationship_kind::has_one) {
            // The child's foreign key names one parent: a child seen before came with this
            // same parent (a row repeated by another joined collection).
            if (first_time) list->push_back(child);
        } else {
            // belongs_to and many_to_many: one child under many parents.
            const std::tuple<const void*, const void*> pair(parent, child);
            if (state.pairs.find(pair) == nullptr) {
                state.pairs.assign(pair, &mark);
                list->push_back(child);
            }
        }
    }

    template <class E, class State>
    static void finish_entry(State& state) {
        std::size_t k = 0;
        for (auto& list : state.lists) give<E::member>(*state.parents[k++], std::move(list));
    }
};

}  // namespace retort::orm::detail
