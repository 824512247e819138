// Aggregate reflection: field count, names, types, a visit of the fields, member indices.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/detail/type_list.hpp"
#include "retort/reflect/detail/bind.hpp"
#include "retort/reflect/detail/probes.hpp"
#include "retort/reflect/detail/field_count.hpp"
#include "retort/reflect/detail/hana_struct.hpp"
#include "retort/reflect/detail/pretty.hpp"

// fake_object is declared and never defined on purpose (see detail/pretty.hpp).
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif

namespace retort::reflect {

namespace detail {

template <class... D>
constexpr bool no_references(retort::detail::type_list<D...>) {
    return (!std::is_reference_v<D> && ...);
}
template <class... D>
constexpr bool no_arrays(retort::detail::type_list<D...>) {
    return (!std::is_array_v<D> && ...);
}

/** Everything retort knows of a plain aggregate, computed once per type. */
template <class T>
struct aggregate_info {
    static_assert(!std::is_array_v<T>, "retort: a C array cannot be a model; use a struct");
    static_assert(std::is_aggregate_v<T>,
                  "retort cannot reflect this type: it is not an aggregate (it has constructors, "
                  "private members or virtual functions). Make it a plain struct, or list its "
                  "members with BOOST_HANA_ADAPT_STRUCT(Type, member...)");
    static_assert(!has_base<T>,
                  "retort cannot reflect a struct with a base class by itself: list the members "
                  "(the base's too) with BOOST_HANA_ADAPT_STRUCT(Type, member...) to use a mixin");
    static constexpr std::size_t probed = probed_count<T>;
    static_assert(probed <= max_fields,
                  "retort reflects at most 64 fields per struct; split the model or use "
                  "BOOST_HANA_ADAPT_STRUCT");
    static_assert(value_initialisable_each<T, probed>(),
                  "retort cannot reflect this struct: it has a C array member (use std::array) "
                  "or a reference member (store a value, a pointer or a relationship)");

    static constexpr std::size_t count = probed;

    template <class... D>
    static constexpr auto strip(retort::detail::type_list<D...>) {
        return retort::detail::type_list<std::remove_cvref_t<D>...>{};
    }
    using declared = decltype(declared_types<count>(std::declval<T&>()));
    using types = decltype(strip(declared{}));
    static_assert(no_arrays(declared{}),
                  "retort cannot reflect this struct: it has a C array member (use std::array) "
                  "or a reference member (store a value, a pointer or a relationship)");
    static_assert(no_references(declared{}),
                  "retort cannot reflect this struct: it has a reference member (store a value, "
                  "a pointer or a relationship)");

    // A function, not a constant: a constant holding these addresses would be emitted for a
    // model with internal linkage (one in an unnamed namespace) and refer to fake_object.
    static consteval address_pack<count> addresses() {
        address_pack<count> out{};
        if constexpr (count != 0)
            bind_fields<count>(fake_object<T>.retort_reflect_value_, take_addresses<count>{&out});
        return out;
    }

    static consteval std::array<std::string_view, count> parse_names() {
        if constexpr (count == 0)
            return {};
        else
            return parse_field_names<count>(pretty_of_value<addresses()>());
    }
    static constexpr std::array<std::string_view, count> names = parse_names();

    template <class Obj, class F>
    static constexpr decltype(auto) visit(Obj& obj, F&& f) {
        return bind_fields<count>(obj, static_cast<F&&>(f));
    }

    template <class MP>
    static constexpr std::size_t index_of(MP mp) {
        const void* want = &(fake_object<T>.retort_reflect_value_.*mp);
        const address_pack<count> all = addresses();
        for (std::size_t i = 0; i != count; ++i)
            if (all.p[i] == want) return i;
        return count;
    }
};

template <class T>
struct hana_info : hana_members_of<T> {
    using base = hana_members_of<T>;
    using types = typename base::template types<T>;
};

template <class T>
struct info_of {
    using type = aggregate_info<T>;
};
template <hana_adapted T>
struct info_of<T> {
    using type = hana_info<T>;
};

}  // namespace detail

/** The reflection of T: `count`, `names`, `types`, `visit(obj, f)`, `index_of(&T::m)`. */
template <class T>
using info = typename detail::info_of<std::remove_cv_t<T>>::type;

/** Types retort can reflect: plain aggregates and types adapted with Boost.Hana. */
template <class T>
concept reflectable = std::is_class_v<T> && (std::is_aggregate_v<T> || detail::hana_adapted<T>);

template <class T>
inline constexpr std::size_t field_count_v = info<T>::count;

template <class T>
inline constexpr const auto& field_names_v = info<T>::names;

/** The value types of T's fields, as a `retort::detail::type_list`. */
template <class T>
using field_types_t = typename info<T>::types;

template <class T, std::size_t I>
using field_t = retort::detail::at_t<I, field_types_t<T>>;

/** Calls `f(field0, field1, ...)` with references to the fields of `obj`. */
template <class T, class F>
constexpr decltype(auto) visit_fields(T& obj, F&& f) {
    return info<std::remove_const_t<T>>::visit(obj, static_cast<F&&>(f));
}

template <auto MP>
struct member_traits;
template <class C, class M, M C::*MP>
struct member_traits<MP> {
    using class_type = C;
    using member_type = M;
};

/** The struct a member pointer belongs to, and the member's type. */
template <auto MP>
using member_class_t = typename member_traits<MP>::class_type;
template <auto MP>
using member_type_t = typename member_traits<MP>::member_type;

/** Index of member `MP` among the fields of `T` (default: the class `MP` names);
 *  `field_count_v<T>` when it is not one of them. */
template <auto MP, class T = member_class_t<MP>>
inline constexpr std::size_t member_index_v = info<T>::index_of(MP);

/** The name of a member, from its pointer: `member_name_v<&User::email> == "email"`. */
template <auto MP>
inline constexpr std::string_view member_name_v =
    detail::parse_member_name(detail::pretty_of_value<MP>());

/** The unqualified name of a type, without template arguments: `type_name_v<ns::User>` is
 *  "User". */
template <class T>
inline constexpr std::string_view type_name_v = detail::parse_type_name(detail::pretty_of_type<T>());

}  // namespace retort::reflect

#if defined(__clang__)
#pragma clang diagnostic pop
#endif
