// Relationships in SQL: their key columns, the ON conditions they imply, joins along them
// (`.join<&User::posts>()`) and predicates over them (`col<&User::posts>.any(cond)`).
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/schema/loading.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/join.hpp"

namespace retort::detail {

/*
 * A relationship is one foreign-key link (has_many, has_one, belongs_to) or two through an
 * association table (many_to_many). A link is a child column holding the key and the parent
 * column it references; `near` links the owner, `far` (many_to_many only) links the target.
 */
template <auto Member>
struct relationship_keys {
    using meta = relationship_meta<Member>;
    static_assert(meta::mapped,
                  "retort: this member is not a relationship; map it in retort::table<T> with "
                  "has_many, has_one, belongs_to or many_to_many");
    using owner = typename meta::owner;
    using target = typename meta::target;
    static constexpr relationship_kind kind = meta::kind;
    static constexpr bool many_to_many = kind == relationship_kind::many_to_many;
    static constexpr bool owner_is_child = kind == relationship_kind::belongs_to;
    /** The model holding the near key: the target (has_*), the owner (belongs_to), the
     *  association (many_to_many). */
    using near_child = std::conditional_t<many_to_many, typename meta::association,
                                          std::conditional_t<owner_is_child, owner, target>>;
    using near_parent = std::conditional_t<owner_is_child, target, owner>;

    template <class Child, class Parent, auto Key>
    struct link {
        static constexpr std::size_t child_col = column_index_of<Child, Key>();
        static constexpr std::size_t parent_col =
            column_named<Parent>(model<Child>::columns[child_col].fk_column);
        static_assert(parent_col != npos,
                      "retort: a relationship's foreign key references a column that is not "
                      "in the referenced model");
    };
    using near = link<near_child, near_parent, meta::key>;
    /** many_to_many: the association's second key and the target column it references. */
    struct no_far {
        static constexpr std::size_t child_col = npos;
        static constexpr std::size_t parent_col = npos;
    };
    template <bool M2m, class = void>
    struct far_of {
        using type = no_far;
    };
    template <class V>
    struct far_of<true, V> {
        using type = link<near_child, target, meta::other_key>;
    };
    using far = typename far_of<many_to_many>::type;
};

/** How a column's table is named in a rendered relationship: by the table's own (quoted)
 *  name when `n` is 0, else as `table_n` (an alias of an eager join). Plain data rather than a
 *  pointer to a render function: compilers with sanitizers do not fold function pointers in
 *  constant evaluation. */
struct qualifier {
    std::string_view quoted{};
    std::string_view raw{};
    std::size_t n = 0;
};

/** A model's table under its own name (relationships join models, never subqueries). */
template <class M>
constexpr qualifier source_qualifier() {
    static_assert(!tagged_source<M>, "retort: relationships join models' tables");
    return {quoted_names<M>::table(), {}, 0};
}
template <class M>
constexpr qualifier alias_qualifier(std::size_t n) {
    return {{}, model<M>::table_name, n};
}

/** `posts_1`: the table's name and a number, quoted as a whole when the name needs it. */
constexpr void put_numbered_alias(writer& w, std::string_view raw, std::size_t n) {
    bool plain = !raw.empty() && !(raw[0] >= '0' && raw[0] <= '9');
    for (char c : raw)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
    if (!plain) w.put('"');
    for (char c : raw) {
        if (c == '"') w.put('"');
        w.put(c);
    }
    w.put('_');
    w.put_uint(n);
    if (!plain) w.put('"');
}

constexpr void put_qualifier_name(writer& w, const qualifier& q) {
    if (q.n == 0)
        w.put(q.quoted);
    else
        put_numbered_alias(w, q.raw, q.n);
}

template <class M>
constexpr void put_qualified_column(writer& w, const qualifier& q, std::size_t col) {
    put_qualifier_name(w, q);
    w.put('.');
    w.put(quoted_names<M>::column(col));
}

/** `table` or `table AS table_n`, as FROM and JOIN introduce it. */
template <class M>
constexpr void put_table_as(writer& w, const qualifier& q) {
    w.put(quoted_names<M>::table());
    if (q.n != 0) {
        w.put(" AS ");
        put_numbered_alias(w, q.raw, q.n);
    }
}

/** Every column of M, qualified: `posts_1.id, posts_1.title, ...`. */
template <class M>
constexpr void put_all_columns(writer& w, const qualifier& q) {
    for (std::size_t i = 0; i != model<M>::column_count; ++i) {
        if (i != 0) w.put(", ");
        put_qualified_column<M>(w, q, i);
    }
}

/** The near link's condition, the newly reached table first: `posts.author_id = users.id`
 *  (has_*), `users.id = posts.author_id` (belongs_to), `post_tags.post_id = posts.id`. */
template <auto Member>
constexpr void put_near_on(writer& w, const qualifier& owner_q, const qualifier& reached_q) {
    using k = relationship_keys<Member>;
    if constexpr (k::owner_is_child) {
        put_qualified_column<typename k::target>(w, reached_q, k::near::parent_col);
        w.put(" = ");
        put_qualified_column<typename k::owner>(w, owner_q, k::near::child_col);
    } else {
        put_qualified_column<typename k::near_child>(w, reached_q, k::near::child_col);
        w.put(" = ");
        put_qualified_column<typename k::owner>(w, owner_q, k::near::parent_col);
    }
}

/** many_to_many: `tags.id = post_tags.tag_id`. */
template <auto Member>
constexpr void put_far_on(writer& w, const qualifier& assoc_q, const qualifier& target_q) {
    using k = relationship_keys<Member>;
    put_qualified_column<typename k::target>(w, target_q, k::far::parent_col);
    w.put(" = ");
    put_qualified_column<typename k::near_child>(w, assoc_q, k::far::child_col);
}

// ---- joins along a relationship ---------------------------------------------------------

/** The ON condition of `.join<&User::posts>()` (and of its second join for many_to_many). */
template <auto Member, bool Far>
struct relationship_on {
    using sources = type_list<>;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = false;
    using k = relationship_keys<Member>;

    static constexpr void render(writer& w) {
        if constexpr (Far) {
            put_far_on<Member>(w, source_qualifier<typename k::near_child>(),
                               source_qualifier<typename k::target>());
        } else {
            using reached = std::conditional_t<k::many_to_many, typename k::near_child,
                                               typename k::target>;
            put_near_on<Member>(w, source_qualifier<typename k::owner>(),
                                source_qualifier<reached>());
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

template <class L>
struct is_relationship_ref : std::false_type {};

// ---- predicates: EXISTS over a relationship ----------------------------------------------

/** `EXISTS (SELECT 1 FROM posts WHERE posts.author_id = users.id AND cond)`. */
template <auto Member, class Cond>
struct relationship_exists : expr_ops<relationship_exists<Member, Cond>> {
    using k = relationship_keys<Member>;
    using retort_expression = void;
    using value_type = bool;
    // The correlation names the owner's table: it must be in the outer query.
    using sources = type_list<typename k::owner>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = has_params_v<Cond>;

    Cond cond;

    static constexpr void render(writer& w) {
        using owner = typename k::owner;
        using target = typename k::target;
        w.put("EXISTS (SELECT 1 FROM ");
        if constexpr (k::many_to_many) {
            using assoc = typename k::near_child;
            w.put(quoted_names<assoc>::table());
            w.put(" JOIN ");
            w.put(quoted_names<target>::table());
            w.put(" ON ");
            put_far_on<Member>(w, source_qualifier<assoc>(), source_qualifier<target>());
            w.put(" WHERE ");
            put_near_on<Member>(w, source_qualifier<owner>(), source_qualifier<assoc>());
        } else {
            w.put(quoted_names<target>::table());
            w.put(" WHERE ");
            put_near_on<Member>(w, source_qualifier<owner>(), source_qualifier<target>());
        }
        if constexpr (!is_none_v<Cond>) {
            w.put(" AND ");
            if constexpr (Cond::precedence < prec::and_) w.put('(');
            Cond::render(w);
            if constexpr (Cond::precedence < prec::and_) w.put(')');
        }
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<Cond>) cond.visit_params(d, f);
    }
};

template <class Cond, class Allowed>
struct uses_only : std::false_type {};
template <class... S, class Allowed>
struct uses_only<type_list<S...>, Allowed> : std::bool_constant<(contains_v<S, Allowed> && ...)> {};

/**
 * A relationship member named like a column, `col<&User::posts>`: not a column, but the
 * subject of `.any(cond)` (collections) and `.has(cond)` (single objects).
 */
template <auto Member>
struct relationship_ref {
    using k = relationship_keys<Member>;
    static constexpr auto member = Member;

    /** `EXISTS (SELECT 1 FROM posts WHERE posts.author_id = users.id [AND cond])`: some
     *  related object exists (and matches `cond`, over the related model's columns). */
    template <class... C>
    RETORT_SQL_INLINE constexpr auto any(const C&... cond) const {
        static_assert(relationship_meta<Member>::to_many,
                      "retort: any() tests a collection (has_many, many_to_many); for "
                      "belongs_to and has_one use has()");
        return make_exists(cond...);
    }
    /** `EXISTS (SELECT 1 FROM users WHERE users.id = posts.author_id [AND cond])`. */
    template <class... C>
    RETORT_SQL_INLINE constexpr auto has(const C&... cond) const {
        static_assert(!relationship_meta<Member>::to_many,
                      "retort: has() tests a single related object (belongs_to, has_one); for "
                      "collections use any()");
        return make_exists(cond...);
    }

private:
    RETORT_SQL_INLINE static constexpr auto make_exists() {
        check_not_self();
        return relationship_exists<Member, none>{{}, {}};
    }
    template <class C>
    RETORT_SQL_INLINE static constexpr auto make_exists(const C& cond) {
        check_not_self();
        static_assert(expression_like<C> && boolean_v<value_type_of_t<C>>,
                      "retort: any()/has() take a boolean condition over the related model, "
                      "e.g. col<&Post::published> == true");
        using allowed = std::conditional_t<k::many_to_many,
                                           type_list<typename k::target, typename k::near_child>,
                                           type_list<typename k::target>>;
        static_assert(uses_only<typename operand_t<C>::sources, allowed>::value,
                      "retort: any()/has(): the condition may use only columns of the related "
                      "model (for a correlated test, write exists(select(...).where(...)))");
        return relationship_exists<Member, operand_t<C>>{{}, as_operand(cond)};
    }
    static consteval void check_not_self() {
        static_assert(!std::is_same_v<typename k::owner, typename k::target> &&
                          !(k::many_to_many &&
                            std::is_same_v<typename k::owner, typename k::near_child>),
                      "retort: any()/has() on a relationship of a model to itself: write "
                      "exists(select(...)) with retort::alias<T, \"name\">");
    }
};

template <auto Member>
struct is_relationship_ref<relationship_ref<Member>> : std::true_type {};

}  // namespace retort::detail
