// PostgreSQL COPY ... FROM STDIN: the rows of a bulk insert written in binary format (or text,
// for column types whose binary form retort does not write), each column by its type OID.
#pragma once

#include <libpq-fe.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "retort/driver/detail/postgresql_codec.hpp"
#include "retort/errors.hpp"
#include "retort/types/iso_time.hpp"
#include "retort/types/value.hpp"

namespace retort::drivers::pg {

/** How one column is written in binary COPY, chosen once from its type OID. */
enum class copy_codec : std::uint8_t {
    boolean, int2, int4, int8, float4, float8, numeric, bytea, text, jsonb, timestamp, date, uuid,
    text_only,  // a type whose binary form retort does not write: the COPY goes in text format
};

inline copy_codec copy_codec_for(Oid type) noexcept {
    switch (type) {
        case oid::boolean: return copy_codec::boolean;
        case oid::int2: return copy_codec::int2;
        case oid::int4: return copy_codec::int4;
        case oid::int8: return copy_codec::int8;
        case oid::float4: return copy_codec::float4;
        case oid::float8: return copy_codec::float8;
        case oid::numeric: return copy_codec::numeric;
        case oid::bytea: return copy_codec::bytea;
        // Types whose binary form is their text.
        case oid::text:
        case oid::varchar:
        case oid::bpchar:
        case oid::name:
        case oid::json: return copy_codec::text;
        case oid::jsonb: return copy_codec::jsonb;
        case oid::timestamp:
        case oid::timestamptz: return copy_codec::timestamp;
        case oid::date: return copy_codec::date;
        case oid::uuid: return copy_codec::uuid;
        // Enums, citext, inet, intervals, arrays, ...: the server reads their text.
        default: return copy_codec::text_only;
    }
}

namespace copy_detail {

inline constexpr std::string_view binary_header{"PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19};

inline std::string_view type_name(value_type t) noexcept {
    switch (t) {
        case value_type::null: return "NULL";
        case value_type::integer: return "integer";
        case value_type::real: return "floating-point";
        case value_type::text: return "text";
        case value_type::blob: return "blob";
        case value_type::boolean: return "boolean";
        case value_type::timestamp: return "timestamp";
        case value_type::date: return "date";
    }
    return "?";
}

constexpr bool is_infinite_instant(std::int64_t v) noexcept {
    return v == std::numeric_limits<std::int64_t>::max() ||
           v == std::numeric_limits<std::int64_t>::min();
}
constexpr bool is_infinite_day(std::int64_t v) noexcept {
    return is_infinite_instant(v) || v == std::numeric_limits<std::int32_t>::max() ||
           v == std::numeric_limits<std::int32_t>::min();
}

template <class N>
std::optional<N> parse_number(std::string_view s) noexcept {
    N out{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k != a.size(); ++k) {
        const char x = a[k] >= 'A' && a[k] <= 'Z' ? static_cast<char>(a[k] + 32) : a[k];
        if (x != b[k]) return false;
    }
    return true;
}

inline void put_numeric_header(std::string& out, int ndigits, int weight, std::uint16_t sign,
                               int dscale) {
    char b[8];
    put_be(b, static_cast<std::uint16_t>(ndigits), 2);
    put_be(b + 2, static_cast<std::uint16_t>(static_cast<std::int16_t>(weight)), 2);
    put_be(b + 4, sign, 2);
    put_be(b + 6, static_cast<std::uint16_t>(dscale), 2);
    out.append(b, 8);
}

}  // namespace copy_detail

/**
 * The binary NUMERIC of decimal text ("-12.50", "1e6", "NaN", "Infinity") into `out`; false if
 * the text is not a number. Groups of four decimal digits around the point, as the server
 * keeps them; the digits after the point (after the exponent) give the display scale.
 */
inline bool numeric_from_text(std::string_view s, std::string& out) {
    using copy_detail::iequals;
    out.clear();
    if (iequals(s, "nan")) {
        copy_detail::put_numeric_header(out, 0, 0, 0xC000, 0);
        return true;
    }
    if (iequals(s, "infinity") || iequals(s, "+infinity") || iequals(s, "inf")) {
        copy_detail::put_numeric_header(out, 0, 0, 0xD000, 0);
        return true;
    }
    if (iequals(s, "-infinity") || iequals(s, "-inf")) {
        copy_detail::put_numeric_header(out, 0, 0, 0xF000, 0);
        return true;
    }
    std::size_t pos = 0;
    bool negative = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
    std::string digits;
    long point = -1;
    for (; pos < s.size(); ++pos) {
        if (s[pos] >= '0' && s[pos] <= '9') {
            digits += s[pos];
        } else if (s[pos] == '.' && point < 0) {
            point = static_cast<long>(digits.size());
        } else {
            break;
        }
    }
    if (digits.empty()) return false;
    if (point < 0) point = static_cast<long>(digits.size());
    long exponent = 0;
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
        std::string_view e_text = s.substr(pos + 1);
        if (e_text.starts_with('+')) e_text.remove_prefix(1);
        const auto e = copy_detail::parse_number<long>(e_text);
        if (!e || *e > 100'000 || *e < -100'000) return false;
        exponent = *e;
        pos = s.size();
    }
    if (pos != s.size()) return false;
    point += exponent;
    const long dscale = std::max(0L, static_cast<long>(digits.size()) - point);
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) {  // zero, which has no sign
        copy_detail::put_numeric_header(out, 0, 0, 0x0000, static_cast<int>(dscale));
        return true;
    }
    digits.erase(0, first);
    point -= static_cast<long>(first);
    digits.resize(digits.find_last_not_of('0') + 1);
    const long lead = (4 - ((point % 4) + 4) % 4) % 4;  // zeros that align the point to a group
    digits.insert(0, static_cast<std::size_t>(lead), '0');
    point += lead;
    while (digits.size() % 4 != 0) digits += '0';
    const long weight = point / 4 - 1;
    const auto groups = static_cast<int>(digits.size() / 4);
    if (weight > std::numeric_limits<std::int16_t>::max() ||
        weight < std::numeric_limits<std::int16_t>::min() || dscale > 0x3FFF) {
        return false;
    }
    copy_detail::put_numeric_header(out, groups, static_cast<int>(weight),
                                    negative ? 0x4000 : 0x0000, static_cast<int>(dscale));
    for (int g = 0; g != groups; ++g) {
        const char* d = digits.data() + 4 * g;
        const auto v = static_cast<std::uint16_t>((d[0] - '0') * 1000 + (d[1] - '0') * 100 +
                                                  (d[2] - '0') * 10 + (d[3] - '0'));
        char b[2];
        put_be(b, v, 2);
        out.append(b, 2);
    }
    return true;
}

/**
 * Writes the rows of one COPY: the header, each row as it comes, the trailer. Binary format
 * when every column's type has a codec, else text format (the server then reads every value
 * as it reads text parameters). Values that cannot be written as the column's type throw
 * data_error naming the column.
 */
class copy_writer {
public:
    copy_writer(std::span<const Oid> types, std::span<const std::string_view> columns,
                std::string_view statement)
        : columns_(columns), statement_(statement) {
        codecs_.reserve(types.size());
        for (const Oid t : types) {
            codecs_.push_back(copy_codec_for(t));
            if (codecs_.back() == copy_codec::text_only) binary_ = false;
        }
    }

    /** Binary or text: what the COPY statement must say (`FORMAT binary`). */
    [[nodiscard]] bool binary() const noexcept { return binary_; }

    void begin(std::string& out) const {
        if (binary_) out.append(copy_detail::binary_header);
    }
    void end(std::string& out) const {
        if (binary_) out.append("\xff\xff", 2);
    }

    /** Appends one row; `values` has one value per column. */
    void row(std::string& out, std::span<const value_view> values) {
        if (binary_) {
            char b[2];
            put_be(b, static_cast<std::uint16_t>(values.size()), 2);
            out.append(b, 2);
            for (std::size_t k = 0; k != values.size(); ++k) binary_field(out, k, values[k]);
        } else {
            for (std::size_t k = 0; k != values.size(); ++k) {
                if (k != 0) out += '\t';
                text_field(out, values[k]);
            }
            out += '\n';
        }
    }

private:
    // ---- binary format -------------------------------------------------------------------

    static void put_fixed(std::string& out, std::uint64_t v, int size) {
        char b[12];
        put_be(b, static_cast<std::uint32_t>(size), 4);
        put_be(b + 4, v, size);
        out.append(b, static_cast<std::size_t>(4 + size));
    }
    static void put_bytes(std::string& out, std::string_view bytes) {
        char b[4];
        put_be(b, static_cast<std::uint32_t>(bytes.size()), 4);
        out.append(b, 4);
        out.append(bytes);
    }

    void binary_field(std::string& out, std::size_t k, const value_view& v) {
        if (v.is_null()) {
            out.append("\xff\xff\xff\xff", 4);
            return;
        }
        switch (codecs_[k]) {
            case copy_codec::boolean: put_fixed(out, as_bool(k, v) ? 1 : 0, 1); return;
            case copy_codec::int2: put_fixed(out, ranged<std::int16_t>(k, v, "smallint"), 2); return;
            case copy_codec::int4: put_fixed(out, ranged<std::int32_t>(k, v, "integer"), 4); return;
            case copy_codec::int8: put_fixed(out, static_cast<std::uint64_t>(as_integer(k, v)), 8); return;
            case copy_codec::float4: {
                const auto f = static_cast<float>(as_real(k, v));
                std::uint32_t bits = 0;
                std::memcpy(&bits, &f, sizeof bits);
                put_fixed(out, bits, 4);
                return;
            }
            case copy_codec::float8: {
                const double d = as_real(k, v);
                std::uint64_t bits = 0;
                std::memcpy(&bits, &d, sizeof bits);
                put_fixed(out, bits, 8);
                return;
            }
            case copy_codec::numeric:
                if (v.type == value_type::boolean || v.type == value_type::blob ||
                    !numeric_from_text(text_of(v, scratch_), numeric_)) {
                    mismatch(k, v, "numeric");
                }
                put_bytes(out, numeric_);
                return;
            case copy_codec::bytea:
                if (v.type != value_type::blob && v.type != value_type::text) mismatch(k, v, "bytea");
                put_bytes(out, v.bytes);
                return;
            case copy_codec::text: put_bytes(out, text_of(v, scratch_)); return;
            case copy_codec::jsonb: {
                const std::string_view text = text_of(v, scratch_);
                char b[5];
                put_be(b, static_cast<std::uint32_t>(text.size() + 1), 4);
                b[4] = 1;  // jsonb's binary form: a version byte, then the text
                out.append(b, 5);
                out.append(text);
                return;
            }
            case copy_codec::timestamp: {
                const std::int64_t t = as_timestamp(k, v);
                put_fixed(out,
                          static_cast<std::uint64_t>(copy_detail::is_infinite_instant(t)
                                                         ? t
                                                         : t - epoch_shift_micros),
                          8);
                return;
            }
            case copy_codec::date: {
                const std::int64_t d = as_date(k, v);
                std::int64_t pg = d - epoch_shift_days;
                if (copy_detail::is_infinite_day(d)) {
                    pg = d > 0 ? std::numeric_limits<std::int32_t>::max()
                               : std::numeric_limits<std::int32_t>::min();
                } else if (pg >= std::numeric_limits<std::int32_t>::max() ||
                           pg <= std::numeric_limits<std::int32_t>::min()) {
                    fail(k, fmt::format("date {} days from 1970 is out of range", d), "22008");
                }
                put_fixed(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(pg)), 4);
                return;
            }
            case copy_codec::uuid: {
                char u[16];
                if (v.type == value_type::blob && v.bytes.size() == 16) {
                    std::memcpy(u, v.bytes.data(), 16);
                } else if (v.type != value_type::text || !parse_uuid(v.bytes, u)) {
                    mismatch(k, v, "uuid");
                }
                put_bytes(out, {u, 16});
                return;
            }
            case copy_codec::text_only: break;  // never in binary format
        }
        mismatch(k, v, "this column's type");
    }

    std::int64_t as_integer(std::size_t k, const value_view& v) {
        switch (v.type) {
            case value_type::integer: return v.i;
            case value_type::boolean: return v.b ? 1 : 0;
            case value_type::real:
                if (v.d >= -9.2e18 && v.d <= 9.2e18 &&
                    static_cast<double>(static_cast<std::int64_t>(v.d)) == v.d) {
                    return static_cast<std::int64_t>(v.d);
                }
                break;
            case value_type::text:
                if (auto n = copy_detail::parse_number<std::int64_t>(v.bytes)) return *n;
                break;
            default: break;
        }
        mismatch(k, v, "an integer");
    }
    template <class I>
    std::uint64_t ranged(std::size_t k, const value_view& v, std::string_view type) {
        const std::int64_t n = as_integer(k, v);
        if (n < std::numeric_limits<I>::min() || n > std::numeric_limits<I>::max()) {
            fail(k, fmt::format("value {} is out of range for type {}", n, type), "22003");
        }
        return static_cast<std::uint64_t>(n);
    }
    double as_real(std::size_t k, const value_view& v) {
        switch (v.type) {
            case value_type::real: return v.d;
            case value_type::integer: return static_cast<double>(v.i);
            case value_type::text:
                if (auto d = copy_detail::parse_number<double>(v.bytes)) return *d;
                if (copy_detail::iequals(v.bytes, "infinity")) return std::numeric_limits<double>::infinity();
                if (copy_detail::iequals(v.bytes, "-infinity")) return -std::numeric_limits<double>::infinity();
                break;
            default: break;
        }
        mismatch(k, v, "a floating-point number");
    }
    bool as_bool(std::size_t k, const value_view& v) {
        using copy_detail::iequals;
        if (v.type == value_type::boolean) return v.b;
        if (v.type == value_type::integer) return v.i != 0;
        if (v.type == value_type::text) {
            for (std::string_view t : {"t", "true", "y", "yes", "on", "1"})
                if (iequals(v.bytes, t)) return true;
            for (std::string_view f : {"f", "false", "n", "no", "off", "0"})
                if (iequals(v.bytes, f)) return false;
        }
        mismatch(k, v, "a boolean");
    }
    std::int64_t as_timestamp(std::size_t k, const value_view& v) {
        if (v.type == value_type::timestamp) return v.i;
        if (v.type == value_type::date) {
            return copy_detail::is_infinite_day(v.i)
                       ? (v.i > 0 ? std::numeric_limits<std::int64_t>::max()
                                  : std::numeric_limits<std::int64_t>::min())
                       : v.i * micros_per_day;
        }
        if (v.type == value_type::text) {
            if (auto t = parse_timestamp(v.bytes)) return *t;
        }
        mismatch(k, v, "a timestamp");
    }
    std::int64_t as_date(std::size_t k, const value_view& v) {
        if (v.type == value_type::date) return v.i;
        if (v.type == value_type::timestamp) {
            return copy_detail::is_infinite_instant(v.i) ? v.i
                                                         : retort::detail::iso::floor_div(v.i, micros_per_day);
        }
        if (v.type == value_type::text) {
            if (auto d = parse_date(v.bytes)) return *d;
        }
        mismatch(k, v, "a date");
    }

    /** 32 hex digits, hyphens anywhere between pairs, optionally in braces. */
    static bool parse_uuid(std::string_view s, char* out) {
        if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
        int n = 0;
        auto hex = [](char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        for (std::size_t p = 0; p < s.size(); ++p) {
            if (s[p] == '-') continue;
            if (p + 1 >= s.size() || n == 16) return false;
            const int hi = hex(s[p]);
            const int lo = hex(s[p + 1]);
            if (hi < 0 || lo < 0) return false;
            out[n++] = static_cast<char>(hi * 16 + lo);
            ++p;
        }
        return n == 16;
    }

    // ---- text format ---------------------------------------------------------------------

    /** The text PostgreSQL reads for `v` (its input syntax), made in `scratch` if needed. */
    static std::string_view text_of(const value_view& v, std::string& scratch) {
        if (v.type == value_type::text) return v.bytes;
        scratch.clear();
        char buf[32];
        switch (v.type) {
            case value_type::null:
            case value_type::text: break;
            case value_type::integer:
                scratch.assign(buf, std::to_chars(buf, buf + sizeof buf, v.i).ptr);
                break;
            case value_type::real:
                if (v.d != v.d) {
                    scratch = "NaN";
                } else if (v.d == std::numeric_limits<double>::infinity()) {
                    scratch = "Infinity";
                } else if (v.d == -std::numeric_limits<double>::infinity()) {
                    scratch = "-Infinity";
                } else {  // the shortest text that reads back as the same double
                    scratch.assign(buf, std::to_chars(buf, buf + sizeof buf, v.d).ptr);
                }
                break;
            case value_type::boolean: scratch = v.b ? "true" : "false"; break;
            case value_type::blob:
                scratch = "\\x";
                for (char c : v.bytes) {
                    static constexpr char digits[] = "0123456789abcdef";
                    const auto b = static_cast<unsigned char>(c);
                    scratch += digits[b >> 4];
                    scratch += digits[b & 15];
                }
                break;
            case value_type::timestamp:
                if (copy_detail::is_infinite_instant(v.i)) {
                    scratch = v.i > 0 ? "infinity" : "-infinity";
                } else {
                    const auto t = format_timestamp(v.i);
                    scratch.assign(t.data(), t.size());
                    scratch += "+00";
                }
                break;
            case value_type::date:
                if (copy_detail::is_infinite_day(v.i)) {
                    scratch = v.i > 0 ? "infinity" : "-infinity";
                } else {
                    const auto d = format_date(v.i);
                    scratch.assign(d.data(), d.size());
                }
                break;
        }
        return scratch;
    }

    void text_field(std::string& out, const value_view& v) {
        if (v.is_null()) {
            out += "\\N";
            return;
        }
        for (const char c : text_of(v, scratch_)) {
            switch (c) {
                case '\\': out += "\\\\"; break;
                case '\t': out += "\\t"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                default: out += c;
            }
        }
    }

    // ---- errors --------------------------------------------------------------------------

    [[noreturn]] void fail(std::size_t k, std::string_view what, std::string sqlstate) const {
        throw data_error("data",
                         fmt::format("postgresql: bulk insert into column {}: {} (SQLSTATE {}) "
                                     "while running: {}",
                                     columns_[k], what, sqlstate, statement_),
                         sqlstate, std::string(statement_));
    }
    [[noreturn]] void mismatch(std::size_t k, const value_view& v, std::string_view wanted) const {
        fail(k, fmt::format("a {} value cannot be written as {}", copy_detail::type_name(v.type),
                            wanted),
             "22P02");
    }

    std::span<const std::string_view> columns_;
    std::string_view statement_;
    std::vector<copy_codec> codecs_;
    bool binary_ = true;
    std::string scratch_;
    std::string numeric_;
};

}  // namespace retort::drivers::pg
