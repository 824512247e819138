// What is known of each relationship at compile time, and the loading options that name them:
// selectinload<&User::posts>, joinedload<&Post::author>, nested with .then(...).
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>

#include "retort/detail/type_list.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"

namespace retort::detail {

/** The index K of the relationship option for `Member` in table<Owner>, or npos. */
template <class Owner, auto Member>
constexpr std::size_t relationship_option_index() {
    std::size_t found = npos;
    for_each_option<Owner>([&]<std::size_t K>() {
        using O = std::remove_cvref_t<decltype(std::get<K>(table<Owner>.options))>;
        if constexpr (is_relationship_def<O>::value) {
            if constexpr (std::is_same_v<std::remove_cv_t<decltype(O::member)>, decltype(Member)>) {
                if (O::member == Member) found = K;
            }
        }
    });
    return found;
}

/**
 * Everything about relationship `Member` (a pointer to a relationship member): `owner`,
 * `target`, `kind`, `to_many`, and its keys. `key` is the foreign key: the target's member for
 * has_many/has_one, the owner's for belongs_to, the association's first key for
 * many_to_many (whose second key is `other_key`, in model `association`).
 */
template <auto Member>
struct relationship_meta {
    using owner = reflect::member_class_t<Member>;
    static constexpr std::size_t option = relationship_option_index<owner, Member>();
    static constexpr bool mapped = option != npos;
};

template <auto Member>
    requires(relationship_option_index<reflect::member_class_t<Member>, Member>() != npos)
struct relationship_meta<Member> {
    using owner = reflect::member_class_t<Member>;
    static constexpr std::size_t option = relationship_option_index<owner, Member>();
    static constexpr bool mapped = true;
    static constexpr const auto& def = std::get<option>(table<owner>.options);
    using def_type = std::remove_cvref_t<decltype(def)>;
    static constexpr relationship_kind kind = def_type::kind;
    using shape = relationship_shape<reflect::member_type_t<Member>>;
    using target = typename shape::target;
    static constexpr bool to_many = shape::to_many;
    static constexpr auto key = def.key;
    static constexpr auto other_key = def.other;
    using key_class = reflect::member_class_t<key>;
    using association = std::conditional_t<kind == relationship_kind::many_to_many, key_class, void>;
    static constexpr unsigned cascades = def.cascade_flags;
};

template <class L>
struct is_loader : std::false_type {};

}  // namespace retort::detail

namespace retort {

enum class load_strategy : unsigned char { selectin, joined };

/**
 * A loading option: eager-load relationship `Member` with `Strategy`, then the nested options
 * `Then...` on the loaded objects. Part of the statement's type, so every query of the plan is
 * rendered at compile time.
 */
template <load_strategy Strategy, auto Member, class... Then>
struct loader {
    using meta = detail::relationship_meta<Member>;
    static_assert(meta::mapped,
                  "selectinload/joinedload: this member is not a relationship; map it in "
                  "retort::table<T> with has_many, has_one, belongs_to or many_to_many");
    static constexpr load_strategy strategy = Strategy;
    static constexpr auto member = Member;
    using then_type = detail::type_list<Then...>;

    /** Loads more relationships of the objects this option loads. */
    template <class... L>
    constexpr auto then(L...) const {
        static_assert((detail::is_loader<L>::value && ...),
                      "then(): pass selectinload<...> or joinedload<...> options");
        static_assert((std::is_same_v<typename L::meta::owner, typename meta::target> && ...),
                      "then(): a nested option must name a relationship of the objects this "
                      "option loads (the related model), not of the parent");
        return loader<Strategy, Member, Then..., L...>{};
    }
};

namespace detail {
template <load_strategy S, auto M, class... T>
struct is_loader<loader<S, M, T...>> : std::true_type {};
}  // namespace detail

/** Loads a relationship with a second SELECT ... WHERE key IN (...) per level (no N+1). */
template <auto Member>
inline constexpr loader<load_strategy::selectin, Member> selectinload{};

/** Loads a relationship in the same query, with a LEFT OUTER JOIN. */
template <auto Member>
inline constexpr loader<load_strategy::joined, Member> joinedload{};

}  // namespace retort
