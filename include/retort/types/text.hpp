// Built-in mappings of text and bytes: std::string, std::vector<std::byte>, and views that can
// only be bound (const char*, std::string_view, string literals, std::span<const std::byte>).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/types/core.hpp"

namespace retort {

/**
 * `std::string` is TEXT (VARCHAR(n) with a max_length). Binding views the string's own bytes;
 * reading accepts text only: a blob is bytes, not text, so it is refused with a pointer to
 * `std::vector<std::byte>`.
 */
template <>
struct type_traits<std::string> {
    static constexpr sql_kind kind = sql_kind::text;
    static value_view to_value(const std::string& v, std::string&) noexcept {
        return value_view::text(v);
    }
    static std::string from_value(const value_view& v) {
        using namespace detail::codec;
        switch (v.type) {
            case value_type::null: throw_null("std::string");
            case value_type::text: return std::string(v.bytes);
            case value_type::blob:
                throw_decode("cannot read a blob into std::string: expected text (read blobs "
                             "into std::vector<std::byte>)");
            default: throw_mismatch(v, "std::string", "text");
        }
    }
};

/** `std::string_view` binds as TEXT; it cannot be read into (the cell's bytes do not last). */
template <>
struct type_traits<std::string_view> {
    static constexpr sql_kind kind = sql_kind::text;
    static value_view to_value(const std::string_view& v, std::string&) noexcept {
        return value_view::text(v);
    }
};

/**
 * `const char*` binds as TEXT up to its terminating NUL; a null pointer throws `data_error`
 * (code "encode"): bind a `std::optional<std::string_view>` to mean NULL.
 */
template <>
struct type_traits<const char*> {
    static constexpr sql_kind kind = sql_kind::text;
    static value_view to_value(const char* const& v, std::string&) {
        if (v == nullptr)
            detail::codec::throw_encode(
                "a null const char* cannot be bound; bind std::optional<std::string_view> for NULL");
        return value_view::text(std::string_view(v));
    }
};

template <>
struct type_traits<char*> : type_traits<const char*> {
    static value_view to_value(char* const& v, std::string& scratch) {
        return type_traits<const char*>::to_value(v, scratch);
    }
};

/** A char array (a string literal) binds as TEXT, up to its first NUL or its end. */
template <std::size_t N>
struct type_traits<char[N], void> {
    static constexpr sql_kind kind = sql_kind::text;
    static value_view to_value(const char (&v)[N], std::string&) noexcept {
        std::size_t n = 0;
        while (n != N && v[n] != '\0') ++n;
        return value_view::text(std::string_view(v, n));
    }
};

/**
 * `std::vector<std::byte>` is BLOB (BYTEA); any bytes, NULs included. Reading accepts blobs and
 * text (text is bytes too).
 */
template <>
struct type_traits<std::vector<std::byte>> {
    static constexpr sql_kind kind = sql_kind::blob;
    static value_view to_value(const std::vector<std::byte>& v, std::string&) noexcept {
        return value_view::blob(
            std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
    }
    static std::vector<std::byte> from_value(const value_view& v) {
        using namespace detail::codec;
        switch (v.type) {
            case value_type::null: throw_null("std::vector<std::byte>");
            case value_type::blob:
            case value_type::text: {
                const auto* p = reinterpret_cast<const std::byte*>(v.bytes.data());
                return std::vector<std::byte>(p, p + v.bytes.size());
            }
            default: throw_mismatch(v, "std::vector<std::byte>", "a blob");
        }
    }
};

/** `std::span<const std::byte>` binds as BLOB without copying; it cannot be read into. */
template <>
struct type_traits<std::span<const std::byte>> {
    static constexpr sql_kind kind = sql_kind::blob;
    static value_view to_value(const std::span<const std::byte>& v, std::string&) noexcept {
        return value_view::blob(
            std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
    }
};

}  // namespace retort
