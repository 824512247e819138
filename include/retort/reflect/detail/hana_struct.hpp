// Reflection of types adapted with BOOST_HANA_ADAPT_STRUCT / BOOST_HANA_DEFINE_STRUCT:
// the accessors Hana generates carry each member's pointer and name in their types.
//
// Only Hana's declarations are included here: a type can only be adapted where its author
// included <boost/hana/adapt_struct.hpp> (or define_struct.hpp), which brings the definitions
// these templates need by the time they are instantiated. Including the whole of Hana's
// struct machinery in every translation unit cost about 4% of compiling one that renders
// a hundred statements.
#pragma once

#include <array>
#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/fwd/pair.hpp>
#include <boost/hana/fwd/string.hpp>
#include <boost/hana/fwd/tuple.hpp>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/detail/type_list.hpp"

// Declared in <boost/hana/detail/struct_macros.hpp>, which the adapting macros include.
namespace boost::hana::struct_detail {
template <typename Memptr, Memptr ptr>
struct member_ptr;
}  // namespace boost::hana::struct_detail

namespace retort::reflect::detail {

template <class T>
concept hana_adapted = boost::hana::Struct<T>::value;

template <class S>
struct hana_name;
template <char... C>
struct hana_name<boost::hana::string<C...>> {
    static constexpr char chars[sizeof...(C) + 1] = {C..., '\0'};
    static constexpr std::string_view value{chars, sizeof...(C)};
};

template <class Accessor>
struct hana_pointer;
template <class P, P Ptr>
struct hana_pointer<boost::hana::struct_detail::member_ptr<P, Ptr>> {
    static constexpr P value = Ptr;
};

template <class Tuple>
struct hana_members;
template <class... Name, class... Accessor>
struct hana_members<boost::hana::tuple<boost::hana::pair<Name, Accessor>...>> {
    static constexpr std::size_t count = sizeof...(Name);
    static constexpr std::array<std::string_view, count> names{hana_name<Name>::value...};
    template <class T>
    using types = retort::detail::type_list<
        std::remove_cvref_t<decltype(std::declval<T&>().*hana_pointer<Accessor>::value)>...>;

    template <class T, class F>
    static constexpr decltype(auto) visit(T& obj, F&& f) {
        return static_cast<F&&>(f)(obj.*hana_pointer<Accessor>::value...);
    }

    template <class MP>
    static constexpr std::size_t index_of(MP mp) {
        std::size_t i = 0;
        bool found = false;
        (void)((found = same_member(hana_pointer<Accessor>::value, mp), found ? true : (++i, false)) ||
               ...);
        return found ? i : count;
    }

private:
    template <class A, class B>
    static constexpr bool same_member(A a, B b) {
        if constexpr (requires { a == b; })
            return a == b;
        else
            return false;
    }
};

template <class T>
using hana_members_of = hana_members<std::remove_cvref_t<decltype(boost::hana::accessors<T>())>>;

}  // namespace retort::reflect::detail
