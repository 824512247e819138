// Small metaprogramming: type lists and a few queries over them.
#pragma once

#include <cstddef>
#include <type_traits>

namespace retort::detail {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

template <class T, class List>
struct contains;
template <class T, class... Ts>
struct contains<T, type_list<Ts...>> : std::bool_constant<(std::is_same_v<T, Ts> || ...)> {};
template <class T, class List>
inline constexpr bool contains_v = contains<T, List>::value;

template <class A, class B>
struct concat;
template <class... As, class... Bs>
struct concat<type_list<As...>, type_list<Bs...>> {
    using type = type_list<As..., Bs...>;
};
template <class A, class B>
using concat_t = typename concat<A, B>::type;

/** Appends T unless already present. */
template <class List, class T>
struct push_unique;
template <class... Ts, class T>
struct push_unique<type_list<Ts...>, T> {
    using type = std::conditional_t<(std::is_same_v<T, Ts> || ...), type_list<Ts...>,
                                    type_list<Ts..., T>>;
};
template <class List, class T>
using push_unique_t = typename push_unique<List, T>::type;

template <class List, class... Ts>
struct unique_append;
template <class List>
struct unique_append<List> {
    using type = List;
};
template <class List, class T, class... Ts>
struct unique_append<List, T, Ts...> : unique_append<push_unique_t<List, T>, Ts...> {};

/** The distinct types of `Ts...`, first occurrence order. */
template <class... Ts>
using unique_t = typename unique_append<type_list<>, Ts...>::type;

template <class List>
struct front;
template <class T, class... Ts>
struct front<type_list<T, Ts...>> {
    using type = T;
};

template <std::size_t I, class List>
struct at;
template <std::size_t I, class T, class... Ts>
struct at<I, type_list<T, Ts...>> : at<I - 1, type_list<Ts...>> {};
template <class T, class... Ts>
struct at<0, type_list<T, Ts...>> {
    using type = T;
};
template <std::size_t I, class List>
using at_t = typename at<I, List>::type;

/** The class and member type of a member pointer type: one instantiation per type, not one per
 *  member as with a member pointer value as the template argument. */
template <class P>
struct member_pointer;
template <class C, class M>
struct member_pointer<M C::*> {
    using class_type = C;
    using member_type = M;
};

template <class T>
struct always_false : std::false_type {};
template <auto V>
struct always_false_v_t : std::false_type {};

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

}  // namespace retort::detail
