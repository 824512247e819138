// The few value shapes that cross between typed C++ values and a database driver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort {

/** What a bound parameter or a result cell holds, as the driver sees it. */
enum class value_type : std::uint8_t {
    null,
    integer,    // i: any integer, bool excluded
    real,       // d
    text,       // bytes: UTF-8 text (not NUL-terminated)
    blob,       // bytes: raw bytes
    boolean,    // b
    timestamp,  // i: microseconds since 1970-01-01 00:00:00 UTC
    date,       // i: days since 1970-01-01
};

/**
 * A non-owning value: a bound parameter (pointing into the statement's own storage) or a cell
 * of the current result row (valid until the driver steps to the next row). Plain data: no
 * virtual call and no allocation per value.
 */
struct value_view {
    value_type type = value_type::null;
    bool b = false;
    std::int64_t i = 0;
    double d = 0;
    std::string_view bytes{};

    static constexpr value_view null() noexcept { return {}; }
    static constexpr value_view integer(std::int64_t v) noexcept {
        return {value_type::integer, false, v, 0, {}};
    }
    static constexpr value_view real(double v) noexcept { return {value_type::real, false, 0, v, {}}; }
    static constexpr value_view text(std::string_view v) noexcept {
        return {value_type::text, false, 0, 0, v};
    }
    static constexpr value_view blob(std::string_view v) noexcept {
        return {value_type::blob, false, 0, 0, v};
    }
    static constexpr value_view boolean(bool v) noexcept { return {value_type::boolean, v, 0, 0, {}}; }
    static constexpr value_view timestamp(std::int64_t micros) noexcept {
        return {value_type::timestamp, false, micros, 0, {}};
    }
    static constexpr value_view date(std::int64_t days) noexcept {
        return {value_type::date, false, days, 0, {}};
    }
    [[nodiscard]] constexpr bool is_null() const noexcept { return type == value_type::null; }
};

/** The SQL column type a C++ type maps to; the dialect spells it. */
enum class sql_kind : std::uint8_t {
    boolean,
    smallint,
    integer,
    bigint,
    real,     // 4-byte float
    double_,  // 8-byte float
    text,     // VARCHAR(n) when the column has a max_length
    blob,
    timestamp,
    date,
    uuid,
};

}  // namespace retort
