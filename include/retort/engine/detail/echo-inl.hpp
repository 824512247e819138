// Definitions of <retort/engine/echo.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "retort/engine/echo.hpp"

namespace retort {

RETORT_FUNC std::string format_value(const value_view& v) {
    switch (v.type) {
        case value_type::null: return "NULL";
        case value_type::integer: return fmt::format("{}", v.i);
        case value_type::real: return fmt::format("{}", v.d);
        case value_type::boolean: return v.b ? "true" : "false";
        case value_type::timestamp: return fmt::format("timestamp({} us)", v.i);
        case value_type::date: return fmt::format("date({} days)", v.i);
        case value_type::text: {
            constexpr std::size_t shown = 200;  // long values are cut: a log line, not a dump
            std::string out = "'";
            for (char c : v.bytes.substr(0, shown)) {
                if (c == '\'') out += '\'';
                out += c;
            }
            out += v.bytes.size() > shown ? "'..." : "'";
            return out;
        }
        case value_type::blob: {
            constexpr std::size_t shown = 32;
            std::string out = "x'";
            for (char c : v.bytes.substr(0, shown)) {
                out += fmt::format("{:02x}", static_cast<unsigned char>(c));
            }
            out += v.bytes.size() > shown ? fmt::format("'... ({} bytes)", v.bytes.size()) : "'";
            return out;
        }
    }
    return "?";
}

RETORT_FUNC std::string format_params(std::span<const value_view> params) {
    std::string out = "(";
    for (std::size_t k = 0; k < params.size(); ++k) {
        if (k != 0) out += ", ";
        out += format_value(params[k]);
    }
    out += ')';
    return out;
}

RETORT_FUNC void print_echo_record(const echo_record& r) {
    const double ms = std::chrono::duration<double, std::milli>(r.duration).count();
    fmt::print(stderr, "[retort] {}{} {} [{:.3f} ms]\n", r.failed ? "FAILED " : "", r.sql,
               format_params(r.params), ms);
}

}  // namespace retort
