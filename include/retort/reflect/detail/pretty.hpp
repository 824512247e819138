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

/** Stores the address of each field it is given: `bind_fields(obj, take_addresses<N>{&pack})`,
 *  one type per field count rather than a lambda per struct. */
template <std::size_t N>
struct take_addresses {
    address_pack<N>* out;
    template <class... F>
    constexpr void operator()(const F&... f) const {
        std::size_t i = 0;
        ((out->p[i++] = &f), ...);
    }
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

inline constexpr char field_marker[] = "retort_reflect_value_.";
inline constexpr std::size_t field_marker_size = sizeof field_marker - 1;

/** Horspool's shifts for field_marker: how far the marker may move when the character under
 *  its last position is `c`. Most characters of a spelling skip the marker's whole length. */
inline constexpr auto field_marker_shift = [] {
    std::array<unsigned char, 256> shift{};
    for (auto& x : shift) x = static_cast<unsigned char>(field_marker_size);
    for (std::size_t i = 0; i + 1 < field_marker_size; ++i)
        shift[static_cast<unsigned char>(field_marker[i])] =
            static_cast<unsigned char>(field_marker_size - 1 - i);
    return shift;
}();

/** Where the marker next occurs in `s[pos, size)`, or `size`. */
constexpr std::size_t find_field_marker(const char* s, std::size_t size, std::size_t pos) {
    while (pos + field_marker_size <= size) {
        const char last = s[pos + field_marker_size - 1];
        if (last == '.') {
            std::size_t k = 0;
            while (k != field_marker_size - 1 && s[pos + k] == field_marker[k]) ++k;
            if (k == field_marker_size - 1) return pos;
        }
        pos += field_marker_shift[static_cast<unsigned char>(last)];
    }
    return size;
}

/** The N field names out of the spelling of an address_pack of fake_object's fields. The
 *  spelling is read through a plain pointer: string_view's find and operator[] cost constant
 *  evaluation a function call per character, most of what reflecting a model's names cost. */
template <std::size_t N>
constexpr std::array<std::string_view, N> parse_field_names(std::string_view spelled) {
    std::array<std::string_view, N> out{};
    const char* s = spelled.data();
    const std::size_t size = spelled.size();
    std::size_t pos = 0;
    for (std::size_t i = 0; i != N; ++i) {
        pos = find_field_marker(s, size, pos) + field_marker_size;
        // The name is the last identifier before the element's end: `))` (g++) or `,`/`}`
        // (clang). g++ spells the class before it (`T::name`), which we skip.
        // g++ spells a class in an unnamed namespace `{anonymous}::T`: skip nested brackets.
        std::size_t end = pos;
        for (int depth = 0; end < size; ++end) {
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
        out[i] = std::string_view(s + begin, end - begin);
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

/** `[with T = ns::outer::name<args>]` -> `ns::outer::name<args>`: a type's identity as text,
 *  compared as characters (an address would not fold in a constant expression under every
 *  instrumentation). */
constexpr std::string_view parse_qualified_type(std::string_view s) {
#if defined(__clang__)
    std::size_t begin = s.find("[T = ") + 5;
    std::size_t end = s.rfind(']');
#else
    std::size_t begin = s.find("[with T = ") + 10;
    std::size_t end = s.find(';', begin);
    if (end == std::string_view::npos) end = s.rfind(']');
#endif
    return s.substr(begin, end - begin);
}

/** `[with T = ns::outer::name<args>]` -> `name` */
constexpr std::string_view parse_type_name(std::string_view s) {
    std::string_view full = parse_qualified_type(s);
    // Drop template arguments, then any qualification.
    if (std::size_t lt = full.find('<'); lt != std::string_view::npos) full = full.substr(0, lt);
    if (std::size_t colons = full.rfind("::"); colons != std::string_view::npos)
        full = full.substr(colons + 2);
    if (full.starts_with("struct ")) full = full.substr(7);
    if (full.starts_with("class ")) full = full.substr(6);
    return full;
}

}  // namespace retort::reflect::detail
