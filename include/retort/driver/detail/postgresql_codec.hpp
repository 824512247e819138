// PostgreSQL wire formats: binary parameters and results, type OIDs, SQLSTATE -> exception.
#pragma once

#include <libpq-fe.h>

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "retort/errors.hpp"
#include "retort/types/value.hpp"

namespace retort::drivers::pg {

/** Built-in type OIDs (fixed in PostgreSQL's catalog; not in the client headers). */
namespace oid {
inline constexpr Oid unknown = 0;
inline constexpr Oid boolean = 16;
inline constexpr Oid bytea = 17;
inline constexpr Oid char_ = 18;
inline constexpr Oid name = 19;
inline constexpr Oid int8 = 20;
inline constexpr Oid int2 = 21;
inline constexpr Oid int4 = 23;
inline constexpr Oid text = 25;
inline constexpr Oid oid = 26;
inline constexpr Oid json = 114;
inline constexpr Oid xml = 142;
inline constexpr Oid float4 = 700;
inline constexpr Oid float8 = 701;
inline constexpr Oid unknown_literal = 705;
inline constexpr Oid bpchar = 1042;
inline constexpr Oid varchar = 1043;
inline constexpr Oid date = 1082;
inline constexpr Oid timestamp = 1114;
inline constexpr Oid timestamptz = 1184;
inline constexpr Oid numeric = 1700;
inline constexpr Oid uuid = 2950;
inline constexpr Oid jsonb = 3802;
}  // namespace oid

// PostgreSQL counts timestamps from 2000-01-01; value_view counts from 1970-01-01.
inline constexpr std::int64_t epoch_shift_days = 10'957;
inline constexpr std::int64_t epoch_shift_micros = epoch_shift_days * 86'400'000'000;

inline void put_be(char* out, std::uint64_t v, int bytes) noexcept {
    for (int k = bytes - 1; k >= 0; --k) {
        out[k] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
}

inline std::uint64_t get_be(const char* in, int bytes) noexcept {
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v = (v << 8) | static_cast<unsigned char>(in[k]);
    return v;
}

/** +/-infinity of timestamps and dates stay the extreme values instead of overflowing. */
inline std::int64_t shift_to_unix(std::int64_t pg, std::int64_t shift) noexcept {
    if (pg == std::numeric_limits<std::int64_t>::max() ||
        pg == std::numeric_limits<std::int64_t>::min()) {
        return pg;
    }
    return pg + shift;
}

/** How a result column is decoded, chosen once per column from its OID. */
enum class decoder : std::uint8_t {
    int2, int4, int8, oid, float4, float8, boolean, bytea, text, jsonb,
    timestamp, date, uuid, numeric,
};

inline decoder decoder_for(Oid type) noexcept {
    switch (type) {
        case oid::int2: return decoder::int2;
        case oid::int4: return decoder::int4;
        case oid::int8: return decoder::int8;
        case oid::oid: return decoder::oid;
        case oid::float4: return decoder::float4;
        case oid::float8: return decoder::float8;
        case oid::boolean: return decoder::boolean;
        case oid::bytea: return decoder::bytea;
        case oid::jsonb: return decoder::jsonb;
        case oid::timestamp:
        case oid::timestamptz: return decoder::timestamp;
        case oid::date: return decoder::date;
        case oid::uuid: return decoder::uuid;
        case oid::numeric: return decoder::numeric;
        // text, varchar, bpchar, name, json, xml, enums, citext: the binary form is the text.
        // Other types (interval, arrays, ...) arrive as their raw binary bytes: cast them to
        // text in SQL (`col::text`) to read them.
        default: return decoder::text;
    }
}

/** Writes the text form of a binary NUMERIC into `out`. */
inline void numeric_to_text(const char* p, int len, std::string& out) {
    out.clear();
    if (len < 8) return;
    const auto ndigits = static_cast<std::int16_t>(get_be(p, 2));
    const auto weight = static_cast<std::int16_t>(get_be(p + 2, 2));
    const auto sign = static_cast<std::uint16_t>(get_be(p + 4, 2));
    const auto dscale = static_cast<std::int16_t>(get_be(p + 6, 2));
    if (sign == 0xC000) { out = "NaN"; return; }
    if (sign == 0xD000) { out = "Infinity"; return; }
    if (sign == 0xF000) { out = "-Infinity"; return; }
    auto digit = [&](int i) -> int {
        return i >= 0 && i < ndigits ? static_cast<int>(get_be(p + 8 + 2 * i, 2)) : 0;
    };
    if (sign == 0x4000) out += '-';
    if (weight < 0) {
        out += '0';
    } else {
        for (int i = 0; i <= weight; ++i) {
            if (i == 0) {
                out += fmt::format("{}", digit(i));
            } else {
                out += fmt::format("{:04}", digit(i));
            }
        }
    }
    if (dscale > 0) {
        out += '.';
        std::string frac;
        for (int i = weight + 1; static_cast<int>(frac.size()) < dscale; ++i) {
            frac += fmt::format("{:04}", digit(i));
        }
        frac.resize(static_cast<std::size_t>(dscale));
        out += frac;
    }
}

/** Writes the canonical 8-4-4-4-12 text of a binary UUID into `out`. */
inline void uuid_to_text(const char* p, std::string& out) {
    static constexpr char hex[] = "0123456789abcdef";
    out.clear();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        const auto b = static_cast<unsigned char>(p[i]);
        out += hex[b >> 4];
        out += hex[b & 15];
    }
}

/** Decodes one binary cell; `scratch` holds text that has to be made (uuid, numeric). */
inline value_view decode_cell(decoder d, const char* p, int len, std::string& scratch) {
    switch (d) {
        case decoder::int2: return value_view::integer(static_cast<std::int16_t>(get_be(p, 2)));
        case decoder::int4: return value_view::integer(static_cast<std::int32_t>(get_be(p, 4)));
        case decoder::int8: return value_view::integer(static_cast<std::int64_t>(get_be(p, 8)));
        case decoder::oid: return value_view::integer(static_cast<std::uint32_t>(get_be(p, 4)));
        case decoder::float4: {
            const auto bits = static_cast<std::uint32_t>(get_be(p, 4));
            float f = 0;
            std::memcpy(&f, &bits, sizeof f);
            return value_view::real(f);
        }
        case decoder::float8: {
            const std::uint64_t bits = get_be(p, 8);
            double f = 0;
            std::memcpy(&f, &bits, sizeof f);
            return value_view::real(f);
        }
        case decoder::boolean: return value_view::boolean(len > 0 && p[0] != 0);
        case decoder::bytea:
            return value_view::blob({p, static_cast<std::size_t>(len)});
        case decoder::jsonb:  // a version byte, then the text
            return value_view::text(len > 0 ? std::string_view{p + 1, static_cast<std::size_t>(len - 1)}
                                            : std::string_view{});
        case decoder::timestamp:
            return value_view::timestamp(
                shift_to_unix(static_cast<std::int64_t>(get_be(p, 8)), epoch_shift_micros));
        case decoder::date: {
            const auto days = static_cast<std::int32_t>(get_be(p, 4));
            if (days == std::numeric_limits<std::int32_t>::max() ||
                days == std::numeric_limits<std::int32_t>::min()) {
                return value_view::date(days);
            }
            return value_view::date(days + epoch_shift_days);
        }
        case decoder::uuid:
            if (len != 16) break;
            uuid_to_text(p, scratch);
            return value_view::text(scratch);
        case decoder::numeric:
            numeric_to_text(p, len, scratch);
            return value_view::text(scratch);
        case decoder::text: break;
    }
    return value_view::text({p, static_cast<std::size_t>(len)});
}

/** Replaces every occurrence of `secret` in `text` with ***. */
inline std::string scrub(std::string text, std::string_view secret) {
    if (secret.empty()) return text;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "***");
    }
    return text;
}

/**
 * Throws the exception that SQLSTATE says; sets `broken` when the connection cannot be used
 * again (class 08, admin shutdown, or libpq reporting the connection bad). With `with_context`
 * the server's CONTEXT joins the message (for COPY: "COPY users, line 3, column email").
 */
[[noreturn]] inline void throw_pg_error(PGconn* conn, const PGresult* res, std::string_view sql,
                                        bool& broken, bool with_context = false) {
    const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state != nullptr ? state : "";
    const char* primary = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char* detail = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    std::string message = primary != nullptr ? primary : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    std::string text = fmt::format("postgresql: {}", message);
    if (!sqlstate.empty()) text += fmt::format(" (SQLSTATE {})", sqlstate);
    if (detail != nullptr) text += fmt::format("; {}", detail);
    const char* context = res != nullptr && with_context ? PQresultErrorField(res, PG_DIAG_CONTEXT) : nullptr;
    if (context != nullptr) text += fmt::format(" [{}]", context);
    if (!sql.empty()) text += fmt::format(" while running: {}", sql);
    std::string statement(sql);

    const std::string_view cls = std::string_view(sqlstate).substr(0, 2);
    if (PQstatus(conn) == CONNECTION_BAD || (cls == "08" && sqlstate != "08P01") || sqlstate == "57P01" ||
        sqlstate == "57P02" || sqlstate == "57P03") {
        broken = true;
        throw operational_error("operational", text, sqlstate, std::move(statement));
    }
    if (cls == "23") {
        const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
        const char* table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
        const char* column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
        std::string name = constraint != nullptr ? constraint : "";
        if (name.empty() && table != nullptr && column != nullptr) {
            name = fmt::format("{}.{}", table, column);  // NOT NULL: named like SQLite does
        }
        throw integrity_error("integrity", text, sqlstate, std::move(statement), std::move(name));
    }
    if (sqlstate == "40001" || sqlstate == "40P01" || cls == "53" || cls == "54" ||
        cls == "55" || cls == "57" || cls == "58") {
        throw operational_error("operational", text, sqlstate, std::move(statement));
    }
    if (cls == "42" || sqlstate == "08P01") throw programming_error("programming", text, sqlstate, std::move(statement));
    if (cls == "22") throw data_error("data", text, sqlstate, std::move(statement));
    if (cls == "0A") {
        throw not_supported_error("not_supported", text, sqlstate, std::move(statement));
    }
    throw database_error("database", text, sqlstate, std::move(statement));
}

}  // namespace retort::drivers::pg
