// Reading names out of __PRETTY_FUNCTION__: the only place that parses compiler output.
//
// Field names: the addresses of all fields of an extern, never-defined object are passed
// together as one template argument; the compiler spells each address with the member's name
// (g++: `(& obj.wrapper<T>::retort_reflect_value_.T::name)`, clang:
// `&obj.retort_reflect_value_.name`), so one instantiation per struct yields every name.
// Member names: a member-pointer template argument is spelled `&T::name` by both compilers.
// Type names: `[with T = ns::name<args>]` (g++) or `[T = ns::name<args>]` (clang).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace retort::reflect::detail {

template <class T>
struct wrapper {
    const T retort_reflect_value_;
};

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif
/** Never defined: only addresses of its subobjects are taken, in constant expressions. */
template <class T>
extern const wrapper<T> fake_object;
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <std::size_t N>
struct address_pack {
    const void* p[N == 0 ? 1 : N];
};

template <auto V>
consteval std::string_view pretty_of_value() {
    return __PRETTY_FUNCTION__;
}

template <class T>
consteval std::string_view pretty_of_type() {
    return __PRETTY_FUNCTION__;
}

constexpr bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/** The N field names out of the spelling of an address_pack of fake_object's fields. */
template <std::size_t N>
constexpr std::array<std::string_view, N> parse_field_names(std::string_view s) {
    std::array<std::string_view, N> out{};
    constexpr std::string_view marker = "retort_reflect_value_.";
    std::size_t pos = 0;
    for (std::size_t i = 0; i != N; ++i) {
        pos = s.find(marker, pos) + marker.size();
        // The name is the last identifier before the element's end: `))` (g++) or `,`/`}`
        // (clang). g++ spells the class before it (`T::name`), which we skip.
        // g++ spells a class in an unnamed namespace `{anonymous}::T`: skip nested brackets.
        std::size_t end = pos;
        for (int depth = 0; end < s.size(); ++end) {
            const char c = s[end];
            if (c == '(' || c == '{') {
                ++depth;
            } else if (c == ')' || c == '}') {
                if (depth == 0) break;
                --depth;
            } else if (depth == 0 && c == ',') {
                break;
            }
        }
        std::size_t begin = end;
        while (begin > pos && is_ident_char(s[begin - 1])) --begin;
        out[i] = s.substr(begin, end - begin);
        pos = end;
    }
    return out;
}

/** `&ns::T::name` -> `name` */
constexpr std::string_view parse_member_name(std::string_view s) {
#if defined(__clang__)
    std::size_t end = s.rfind(']');
#else
    std::size_t end = s.find(';', s.find("[with"));
    if (end == std::string_view::npos) end = s.rfind(']');
#endif
    std::size_t begin = end;
    while (begin > 0 && is_ident_char(s[begin - 1])) --begin;
    return s.substr(begin, end - begin);
}

/** `[with T = ns::outer::name<args>]` -> `name` */
constexpr std::string_view parse_type_name(std::string_view s) {
#if defined(__clang__)
    std::size_t begin = s.find("[T = ") + 5;
    std::size_t end = s.rfind(']');
#else
    std::size_t begin = s.find("[with T = ") + 10;
    std::size_t end = s.find(';', begin);
    if (end == std::string_view::npos) end = s.rfind(']');
#endif
    std::string_view full = s.substr(begin, end - begin);
    // Drop template arguments, then any qualification.
    if (std::size_t lt = full.find('<'); lt != std::string_view::npos) full = full.substr(0, lt);
    if (std::size_t colons = full.rfind("::"); colons != std::string_view::npos)
        full = full.substr(colons + 2);
    if (full.starts_with("struct ")) full = full.substr(7);
    if (full.starts_with("class ")) full = full.substr(6);
    return full;
}

}  // namespace retort::reflect::detail
