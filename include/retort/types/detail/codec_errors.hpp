// The data_error messages of the built-in codecs: one wording for every mismatch.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "retort/errors.hpp"
#include "retort/types/value.hpp"

namespace retort::detail::codec {

/** The code of every error raised while reading a result cell. */
inline constexpr std::string_view decode_code = "decode";
/** The code of every error raised while turning a value into a bound parameter. */
inline constexpr std::string_view encode_code = "encode";

/** How a value of `t` is spoken of in a message: "an integer", "text", ... */
constexpr std::string_view describe(value_type t) noexcept {
    switch (t) {
        case value_type::null: return "NULL";
        case value_type::integer: return "an integer";
        case value_type::real: return "a real";
        case value_type::text: return "text";
        case value_type::blob: return "a blob";
        case value_type::boolean: return "a boolean";
        case value_type::timestamp: return "a timestamp";
        case value_type::date: return "a date";
    }
    return "an unknown value";
}

inline std::string to_text(std::int64_t v) { return std::to_string(v); }
inline std::string to_text(std::uint64_t v) { return std::to_string(v); }

/** Shortest text that reads back as `v` ("2.5", "1e+300"), unlike std::to_string. */
inline std::string to_text(double v) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

/** `'text'`, cut short when long: a message must stay readable. */
inline std::string quoted(std::string_view text) {
    constexpr std::size_t max = 64;
    std::string out = "'";
    out += text.substr(0, max);
    out += text.size() > max ? "...'" : "'";
    return out;
}

/** `text 'abc'`, `an integer 42`, `a real 2.5`, ...: the value as much as a message needs. */
inline std::string describe_value(const value_view& v) {
    std::string out(describe(v.type));
    switch (v.type) {
        case value_type::integer: out += ' ' + to_text(v.i); break;
        case value_type::real: out += ' ' + to_text(v.d); break;
        case value_type::text: out += ' ' + quoted(v.bytes); break;
        case value_type::boolean: out += v.b ? " true" : " false"; break;
        default: break;
    }
    return out;
}

[[noreturn]] inline void throw_decode(const std::string& message) {
    throw data_error(decode_code, message);
}

[[noreturn]] inline void throw_encode(const std::string& message) {
    throw data_error(encode_code, message);
}

/** NULL in a column whose C++ type cannot hold it. */
[[noreturn]] inline void throw_null(std::string_view target) {
    throw_decode("NULL read into a non-optional field; make the member std::optional<" +
                 std::string(target) + ">");
}

/** "cannot read text 'abc' into std::int32_t: expected an integer" */
[[noreturn]] inline void throw_mismatch(const value_view& v, std::string_view target,
                                        std::string_view expected) {
    throw_decode("cannot read " + describe_value(v) + " into " + std::string(target) +
                 ": expected " + std::string(expected));
}

}  // namespace retort::detail::codec
