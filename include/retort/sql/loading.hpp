// Eager loading in SQL: the LEFT OUTER JOINs and columns a select's joined loaders add, the
// row layout the ORM reads them from, and the queries of selectin loaders with their key lists.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/dialect/dialect.hpp"
#include "retort/schema/loading.hpp"
#include "retort/sql/in.hpp"
#include "retort/sql/relationship.hpp"

namespace retort::detail {

// ---- joined loaders of a plan, depth-first -------------------------------------------------

/** A joined loader of a plan; `Parent` is the index of the joined step whose objects own the
 *  relationship, npos for the statement's model. */
template <class L, std::size_t Parent>
struct joined_step {
    using loader = L;
    static constexpr std::size_t parent = Parent;
};

template <class Plan, std::size_t Parent, class Acc>
struct flatten_joined;

// Joined loaders nested under a selectin loader belong to the ORM's second query, not here.
template <bool Joined, class L, std::size_t Parent, class Acc>
struct add_joined {
    using type = Acc;
};
template <class L, std::size_t Parent, class Acc>
struct add_joined<true, L, Parent, Acc>
    : flatten_joined<typename L::then_type, Acc::size,
                     concat_t<Acc, type_list<joined_step<L, Parent>>>> {};

template <std::size_t Parent, class Acc>
struct flatten_joined<type_list<>, Parent, Acc> {
    using type = Acc;
};
template <class L, class... Ls, std::size_t Parent, class Acc>
struct flatten_joined<type_list<L, Ls...>, Parent, Acc>
    : flatten_joined<type_list<Ls...>, Parent,
                     typename add_joined<L::strategy == load_strategy::joined, L, Parent,
                                         Acc>::type> {};

template <class St>
using step_keys = relationship_keys<St::loader::member>;

template <class St>
constexpr std::string_view step_assoc_table() {
    if constexpr (step_keys<St>::many_to_many)
        return model<typename step_keys<St>::near_child>::table_name;
    else
        return {};
}

/** The alias numbers of each step's association (many_to_many) and target tables: the n-th
 *  time a table is joined by the plan it is `table_n`. */
template <class Steps>
struct joined_aliases;
template <class... St>
struct joined_aliases<type_list<St...>> {
    static constexpr std::size_t n = sizeof...(St);
    struct numbers {
        std::array<std::size_t, n> assoc{};
        std::array<std::size_t, n> target{};
    };
    static constexpr numbers value = [] {
        const std::array<std::string_view, n> assoc{step_assoc_table<St>()...};
        const std::array<std::string_view, n> target{
            model<typename step_keys<St>::target>::table_name...};
        std::array<std::string_view, 2 * n> seen{};
        std::size_t count = 0;
        auto number = [&](std::string_view t) {
            std::size_t k = 1;
            for (std::size_t i = 0; i != count; ++i) k += seen[i] == t ? 1 : 0;
            seen[count++] = t;
            return k;
        };
        numbers out{};
        for (std::size_t i = 0; i != n; ++i) {
            if (!assoc[i].empty()) out.assoc[i] = number(assoc[i]);
            out.target[i] = number(target[i]);
        }
        return out;
    }();
};

template <class S, class Steps>
struct joined_render;

/**
 * The joined loaders of a `select<Model>()` whose source is `S`: their columns follow the
 * model's in the select list, their LEFT OUTER JOINs follow the statement's own joins.
 */
template <class S, class Plan>
using joined_plan = joined_render<S, typename flatten_joined<Plan, npos, type_list<>>::type>;

template <class S, class... St>
struct joined_render<S, type_list<St...>> {
    using steps = type_list<St...>;
    static constexpr std::size_t size = sizeof...(St);
    using aliases = joined_aliases<steps>;
    static constexpr bool has_collection = (St::loader::meta::to_many || ...);

    template <std::size_t I>
    using target_of = typename at_t<I, steps>::loader::meta::target;

    template <std::size_t I>
    static constexpr qualifier target_qualifier() {
        return alias_qualifier<target_of<I>>(aliases::value.target[I]);
    }
    template <std::size_t Parent>
    static constexpr qualifier parent_qualifier() {
        if constexpr (Parent == npos)
            return source_qualifier<S>();
        else
            return target_qualifier<Parent>();
    }

    /** `, posts_1.id, posts_1.title, ...` for each step. */
    static constexpr void render_columns(writer& w) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((w.put(", "), put_all_columns<target_of<I>>(w, target_qualifier<I>())), ...);
        }(std::index_sequence_for<St...>{});
    }

    template <std::size_t I>
    static constexpr void render_join(writer& w) {
        using step = at_t<I, steps>;
        using k = step_keys<step>;
        constexpr auto member = step::loader::member;
        const qualifier owner_q = parent_qualifier<step::parent>();
        const qualifier target_q = target_qualifier<I>();
        w.put(" LEFT OUTER JOIN ");
        if constexpr (k::many_to_many) {
            using assoc = typename k::near_child;
            const qualifier assoc_q = alias_qualifier<assoc>(aliases::value.assoc[I]);
            put_table_as<assoc>(w, assoc_q);
            w.put(" ON ");
            put_near_on<member>(w, owner_q, assoc_q);
            w.put(" LEFT OUTER JOIN ");
            put_table_as<typename k::target>(w, target_q);
            w.put(" ON ");
            put_far_on<member>(w, assoc_q, target_q);
        } else {
            put_table_as<typename k::target>(w, target_q);
            w.put(" ON ");
            put_near_on<member>(w, owner_q, target_q);
        }
    }
    static constexpr void render_joins(writer& w) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (render_join<I>(w), ...);
        }(std::index_sequence_for<St...>{});
    }
};

/** The source of `select<Model>()` (void for a select of columns). */
template <class Cols>
struct selected_source {
    using type = void;
};
template <class S>
struct selected_source<expr_list<all_columns<S>>> {
    using type = S;
};

/**
 * One joined loader in the row of a statement: `loader` (its type, with its nested options),
 * `member`, `target`, `parent` (index of the entry whose objects own the relationship, npos
 * for the statement's model), `offset` (first column of the target's columns in the row) and
 * `width` (model<target>::column_count).
 */
template <class Loader, std::size_t Parent, std::size_t Offset>
struct joined_entry {
    using loader = Loader;
    static constexpr auto member = Loader::member;
    using target = typename Loader::meta::target;
    static constexpr std::size_t parent = Parent;
    static constexpr std::size_t offset = Offset;
    static constexpr std::size_t width = model<target>::column_count;
};

template <class Root, class Steps>
struct joined_entries;
template <class Root, class... St>
struct joined_entries<Root, type_list<St...>> {
    static constexpr std::array<std::size_t, sizeof...(St) + 1> offsets = [] {
        const std::array<std::size_t, sizeof...(St) + 1> widths{
            model<typename St::loader::meta::target>::column_count..., 0};
        std::array<std::size_t, sizeof...(St) + 1> out{};
        std::size_t at = model<Root>::column_count;
        for (std::size_t i = 0; i != sizeof...(St) + 1; ++i) {
            out[i] = at;
            at += widths[i];
        }
        return out;
    }();
};

template <class Root, class Steps, class Seq>
struct make_joined_entries;
template <class Root, class... St, std::size_t... I>
struct make_joined_entries<Root, type_list<St...>, std::index_sequence<I...>> {
    using type = type_list<joined_entry<typename St::loader, St::parent,
                                        joined_entries<Root, type_list<St...>>::offsets[I]>...>;
};

/**
 * The row of a `select<Model>().options(...)` statement, for the ORM: the model's columns
 * from 0, then for each joined loader (depth-first, in plan order) its target's columns.
 *
 *     using L = retort::detail::joined_layout<decltype(q)>;
 *     L::entries            // type_list<joined_entry<...>...>
 *     L::column_count       // the width of a row
 */
template <class Stmt>
struct joined_layout {
    using source = typename selected_source<typename Stmt::cols_type>::type;
    static_assert(!std::is_void_v<source>,
                  "retort: joined_layout<Stmt>: Stmt must be a select<Model>() statement");
    using model_type = source_model_t<source>;
    using steps = typename joined_plan<source, typename Stmt::load_plan>::steps;
    using entries = typename make_joined_entries<model_type, steps,
                                                 std::make_index_sequence<steps::size>>::type;
    static constexpr std::size_t size = steps::size;
    static constexpr std::size_t column_count = joined_entries<model_type, steps>::offsets[size];
};

// ---- selectin loaders: one query per relationship, keys as one bound list ----------------

/** `IN (SELECT value FROM json_each(?))` on SQLite, `= ANY($1)` on PostgreSQL. */
constexpr void put_key_list_match(writer& w) {
    if (w.dialect().kind == dialect_kind::postgresql) {
        w.put(" = ANY(");
        put_param(w);
        w.put(')');
    } else {
        w.put(" IN (SELECT value FROM json_each(");
        put_param(w);
        w.put("))");
    }
}

/**
 * The query of `selectinload<Member>`, run with one bound value: the parent keys encoded by
 * `encode_key_list`. Rows are the target's columns (many_to_many: the parent key first), in
 * no particular order:
 *
 *     SELECT posts.id, ... FROM posts WHERE posts.author_id IN (SELECT value FROM json_each(?))
 *     SELECT users.id, ... FROM users WHERE users.id = ANY($1)                 -- belongs_to
 *     SELECT post_tags.post_id, tags.id, tags.name FROM tags
 *         JOIN post_tags ON tags.id = post_tags.tag_id WHERE post_tags.post_id = ANY($1)
 *
 * `owner_key_column`: the owner's column whose values are the keys sent; `row_key_column`:
 * the column of a row that holds the key it belongs to; `target_offset`: where the target's
 * columns start in a row; `row_width`; `key_type`: the C++ type of a key.
 */
template <auto Member>
struct selectin_query {
    using k = relationship_keys<Member>;
    using owner = typename k::owner;
    using target = typename k::target;
    static constexpr std::size_t owner_key_column =
        k::owner_is_child ? k::near::child_col : k::near::parent_col;
    using key_type = reflect::field_t<owner, model<owner>::field_of_column[owner_key_column]>;
    static constexpr std::size_t target_offset = k::many_to_many ? 1 : 0;
    static constexpr std::size_t row_key_column =
        k::many_to_many ? 0 : (k::owner_is_child ? k::near::parent_col : k::near::child_col);
    static constexpr std::size_t row_width = target_offset + model<target>::column_count;

    static constexpr void render(writer& w) {
        const qualifier target_q = source_qualifier<target>();
        w.put("SELECT ");
        if constexpr (k::many_to_many) {
            using assoc = typename k::near_child;
            const qualifier assoc_q = source_qualifier<assoc>();
            put_qualified_column<assoc>(w, assoc_q, k::near::child_col);
            w.put(", ");
            put_all_columns<target>(w, target_q);
            w.put(" FROM ");
            w.put(quoted_names<target>::table());
            w.put(" JOIN ");
            w.put(quoted_names<assoc>::table());
            w.put(" ON ");
            put_far_on<Member>(w, assoc_q, target_q);
            w.put(" WHERE ");
            put_qualified_column<assoc>(w, assoc_q, k::near::child_col);
        } else {
            put_all_columns<target>(w, target_q);
            w.put(" FROM ");
            w.put(quoted_names<target>::table());
            w.put(" WHERE ");
            put_qualified_column<target>(w, target_q, row_key_column);
        }
        put_key_list_match(w);
    }
};

/** The text of `selectin_query<Member>` for a dialect chosen at run time: one of two
 *  constants, so its address can key a prepared-statement cache. */
template <auto Member>
constexpr std::string_view selectin_query_text(dialect_kind d) noexcept {
    if (d == dialect_kind::postgresql) {
        constexpr std::string_view text =
            rendered_v<selectin_query<Member>, retort::postgresql::info>.view();
        return text;
    }
    constexpr std::string_view text = rendered_v<selectin_query<Member>, retort::sqlite::info>.view();
    return text;
}

/** The one bound value of a selectin query: the keys as a JSON array (SQLite) or an array
 *  literal (PostgreSQL), as `in(container)` binds them. Any container of keys. */
template <class C>
void encode_key_list(std::string& out, dialect_kind d, const C& keys) {
    encode_in_list(out, d, keys);
}
template <class C>
std::string encode_key_list(dialect_kind d, const C& keys) {
    std::string out;
    encode_in_list(out, d, keys);
    return out;
}

}  // namespace retort::detail
