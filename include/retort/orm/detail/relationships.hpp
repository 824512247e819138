// Compile-time facts the session needs about a model's relationships: which members they
// are, their names for messages, and which column each foreign key references.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/reflect/reflect.hpp"
#include "retort/schema/loading.hpp"
#include "retort/schema/model.hpp"
#include "retort/schema/relationship.hpp"

namespace retort::orm::detail {

using retort::detail::relationship_access;
using retort::detail::relationship_meta;

template <auto... M>
struct member_list {};

template <auto... A, auto... B>
constexpr member_list<A..., B...> operator+(member_list<A...>, member_list<B...>) {
    return {};
}

/** The relationship members of table<T> the session tracks (many<>/one<> members), as a
 *  member_list computed once per model: every walk over a model's relationships reads it
 *  instead of visiting all of the mapping's options again. */
template <class T>
struct tracked_relationships {
    using options = std::remove_cvref_t<decltype(retort::table<T>.options)>;

    template <std::size_t K>
    static constexpr auto at() {
        using O = std::remove_cvref_t<std::tuple_element_t<K, options>>;
        if constexpr (retort::detail::is_relationship_def<O>::value) {
            using handle = reflect::member_type_t<O::member>;
            using shape = retort::detail::relationship_shape<handle>;
            // Vectors and optionals of models are plain values (filled by no one, written by
            // no one); only many<>/one<> members are tracked.
            if constexpr (shape::is_relationship && (std::is_same_v<handle, many<typename shape::target>> ||
                                                     std::is_same_v<handle, one<typename shape::target>>))
                return member_list<O::member>{};
            else
                return member_list<>{};
        } else {
            return member_list<>{};
        }
    }

    using type = decltype([]<std::size_t... K>(std::index_sequence<K...>) {
        return (at<K>() + ... + member_list<>{});
    }(std::make_index_sequence<std::tuple_size_v<options>>{}));
};

/** Calls `f.template operator()<Member>()` for each relationship mapped in table<T>. */
template <class T, class F>
constexpr void for_each_relationship(F&& f) {
    [&]<auto... M>(member_list<M...>) {
        (f.template operator()<M>(), ...);
    }(typename tracked_relationships<T>::type{});
}

/** "User::posts", for messages; a constant per relationship. */
template <auto Member>
struct relationship_name {
    static constexpr std::string_view owner = reflect::type_name_v<reflect::member_class_t<Member>>;
    static constexpr std::string_view member = reflect::member_name_v<Member>;
    static constexpr auto chars = [] {
        std::array<char, owner.size() + 2 + member.size() + 1> out{};
        std::size_t n = 0;
        for (char c : owner) out[n++] = c;
        out[n++] = ':';
        out[n++] = ':';
        for (char c : member) out[n++] = c;
        return out;
    }();
    static constexpr std::string_view value{chars.data(), owner.size() + 2 + member.size()};
};

/** The member a foreign-key member references (`&User::id` for `&Post::author_id`). */
template <auto Key>
constexpr auto referenced_member() {
    using C = reflect::member_class_t<Key>;
    constexpr std::size_t k = [] {
        std::size_t found = retort::detail::npos;
        retort::detail::for_each_option<C>([&]<std::size_t K>() {
            using O = std::remove_cvref_t<decltype(std::get<K>(retort::table<C>.options))>;
            if constexpr (retort::detail::is_column_def<O>::value) {
                if constexpr (!std::is_same_v<typename O::fk_type, retort::detail::no_fk> &&
                              std::is_same_v<std::remove_cv_t<decltype(O::member)>,
                                             std::remove_cv_t<decltype(Key)>>) {
                    if (O::member == Key) found = K;
                }
            }
        });
        return found;
    }();
    static_assert(k != retort::detail::npos,
                  "a relationship's foreign key has no references(...) option in its table<>");
    return std::get<k>(retort::table<C>.options).fk.member;
}

/** Whether a member's type is std::optional (a nullable foreign key). */
template <class M>
inline constexpr bool is_nullable_member = nullable_v<M>;

/** Assigns `value` to a foreign-key member, through optional where needed. */
template <class M, class V>
void assign_key(M& member, const V& value) {
    member = value;
}

/** Names a new object's handles and marks its collections loaded (a new object has none). */
template <class T>
void prepare_new(T& obj) {
    for_each_relationship<T>([&]<auto Member>() {
        auto& handle = obj.*Member;
        relationship_access::name(handle, relationship_name<Member>::value);
        if (!handle.loaded()) {
            if constexpr (relationship_meta<Member>::to_many)
                relationship_access::set_loaded(handle, relationship_access::items(handle));
            else
                relationship_access::set_loaded(handle, relationship_access::target(handle));
        }
    });
}

/** Names a loaded object's handles (they stay unloaded until a plan or load() fills them). */
template <class T>
void prepare_loaded(T& obj) {
    for_each_relationship<T>([&]<auto Member>() {
        relationship_access::name(obj.*Member, relationship_name<Member>::value);
    });
}

}  // namespace retort::orm::detail
