// Definitions of <retort/engine/url.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "retort/engine/url.hpp"
#include "retort/errors.hpp"

namespace retort {

namespace detail {

[[noreturn]] inline void url_error(std::string_view what) {
    throw interface_error("url", fmt::format("invalid database URL: {}", what));
}

inline int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/** Decodes %XX escapes in `part`; `part_name` is used in the error (the password's text never). */
inline std::string percent_decode(std::string_view text, std::string_view part_name,
                                  bool show_text = true) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            if (show_text) {
                url_error(fmt::format("bad percent escape in the {} '{}' (expected %XX with two "
                                      "hex digits)",
                                      part_name, text));
            }
            url_error(fmt::format("bad percent escape in the {} (expected %XX with two hex "
                                  "digits)",
                                  part_name));
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

/** Escapes what would end or confuse a URL part; `keep` lists extra characters left as is. */
RETORT_FUNC std::string percent_encode(std::string_view text, std::string_view keep) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                           (u >= '0' && u <= '9') || c == '-' || c == '_' || c == '.' ||
                           c == '~' || keep.find(c) != std::string_view::npos;
        if (plain) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

inline void parse_query(std::string_view text, url& u) {
    while (!text.empty()) {
        const auto amp = text.find('&');
        std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        if (eq == 0) url_error("a query parameter has an empty key (expected key=value)");
        std::string key = percent_decode(pair.substr(0, eq), "query key");
        std::string value;
        if (eq != std::string_view::npos) {
            // A password given as a query key must not leak through an error either.
            value = percent_decode(pair.substr(eq + 1), "query value", key != "password");
        }
        u.query.emplace_back(std::move(key), std::move(value));
    }
}

inline std::uint16_t parse_port(std::string_view text) {
    if (text.empty() || text.size() > 5) {
        url_error(fmt::format("bad port '{}' (expected a number from 1 to 65535)", text));
    }
    std::uint32_t port = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            url_error(fmt::format("bad port '{}' (expected a number from 1 to 65535)", text));
        }
        port = port * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) {
        url_error(fmt::format("bad port '{}' (expected a number from 1 to 65535)", text));
    }
    return static_cast<std::uint16_t>(port);
}

/** Parses `user:password@host:port` (each part optional) into `u`. */
inline void parse_authority(std::string_view text, url& u) {
    const auto at = text.rfind('@');
    if (at != std::string_view::npos) {
        std::string_view userinfo = text.substr(0, at);
        text = text.substr(at + 1);
        const auto colon = userinfo.find(':');
        u.username = percent_decode(userinfo.substr(0, colon), "user name");
        if (colon != std::string_view::npos) {
            u.password = percent_decode(userinfo.substr(colon + 1), "password", false);
        }
    }
    std::string_view host = text;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos) url_error("IPv6 host has '[' without a closing ']'");
        host = text.substr(1, close - 1);
        if (host.empty()) url_error("IPv6 host between '[' and ']' is empty");
        std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                url_error(fmt::format("unexpected '{}' after the IPv6 host (expected ':port')",
                                      rest));
            }
            port = rest.substr(1);
            if (port.empty()) url_error("empty port after ':'");
        }
    } else {
        const auto colon = text.rfind(':');
        if (colon != std::string_view::npos) {
            host = text.substr(0, colon);
            port = text.substr(colon + 1);
            if (port.empty()) url_error("empty port after ':'");
        }
    }
    u.host = percent_decode(host, "host");
    if (!port.empty()) u.port = parse_port(port);
}

}  // namespace detail

RETORT_FUNC url url::parse(std::string_view text) {
    url u;
    const auto sep = text.find("://");
    if (sep == std::string_view::npos) {
        detail::url_error(
            "missing scheme (expected e.g. sqlite:///file.db or postgresql://user@host/db)");
    }
    const std::string_view scheme = text.substr(0, sep);
    if (scheme.empty()) detail::url_error("empty scheme before '://'");
    for (char c : scheme) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!ok) detail::url_error("the scheme contains a character that is not allowed");
    }
    u.scheme = std::string(scheme);
    for (char& c : u.scheme) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    const std::string_view lower = u.scheme;
    const auto plus = lower.find('+');
    const std::string_view base = lower.substr(0, plus);
    const std::string_view driver =
        plus == std::string_view::npos ? std::string_view{} : lower.substr(plus + 1);
    if (base == "sqlite") {
        if (!driver.empty()) {
            detail::url_error(fmt::format(
                "unsupported driver '{}' in scheme '{}' (SQLite URLs use 'sqlite://')", driver,
                lower));
        }
        u.backend = "sqlite";
    } else if (base == "postgresql" || base == "postgres") {
        if (!driver.empty() && driver != "libpq") {
            detail::url_error(fmt::format(
                "unsupported driver '{}' in scheme '{}' (retort talks to PostgreSQL through "
                "libpq: use 'postgresql://' or 'postgresql+libpq://')",
                driver, lower));
        }
        u.backend = "postgresql";
    } else {
        detail::url_error(fmt::format(
            "unsupported scheme '{}' (expected 'sqlite' or 'postgresql')", lower));
    }

    std::string_view rest = text.substr(sep + 3);
    const auto hash = rest.find('#');
    if (hash != std::string_view::npos) {
        detail::url_error("a fragment ('#...') is not allowed; percent-encode '#' as %23");
    }
    const auto question = rest.find('?');
    if (question != std::string_view::npos) {
        detail::parse_query(rest.substr(question + 1), u);
        rest = rest.substr(0, question);
    }

    if (u.backend == "sqlite") {
        if (rest.empty()) return u;  // sqlite:// is an in-memory database
        if (rest.front() != '/') {
            detail::url_error(fmt::format(
                "SQLite URLs take no host ('{}'): use sqlite:///relative.db or "
                "sqlite:////absolute.db",
                rest.substr(0, rest.find('/'))));
        }
        u.database = detail::percent_decode(rest.substr(1), "database path");
        return u;
    }

    const auto slash = rest.find('/');
    detail::parse_authority(rest.substr(0, slash), u);
    if (slash != std::string_view::npos) {
        u.database = detail::percent_decode(rest.substr(slash + 1), "database name");
        if (u.database.find('/') != std::string::npos) {
            detail::url_error("the database name contains '/' (percent-encode it as %2F)");
        }
    }
    return u;
}

RETORT_FUNC std::string url::render(bool hide_password) const {
    std::string out = scheme + "://";
    if (backend == "sqlite") {
        if (!database.empty()) out += '/' + detail::percent_encode(database, "/:");
    } else {
        if (!username.empty() || !password.empty()) {
            out += detail::percent_encode(username);
            if (!password.empty()) {
                out += ':';
                out += hide_password ? std::string("***") : detail::percent_encode(password);
            }
            out += '@';
        }
        if (host.find(':') != std::string::npos && host.find('/') == std::string::npos) {
            out += '[' + detail::percent_encode(host, ":") + ']';
        } else {
            out += detail::percent_encode(host);
        }
        if (port) out += fmt::format(":{}", *port);
        if (!database.empty()) out += '/' + detail::percent_encode(database);
    }
    char sep = '?';
    for (const auto& [k, v] : query) {
        out += sep;
        sep = '&';
        out += detail::percent_encode(k);
        out += '=';
        out += hide_password && k == "password" ? std::string("***")
                                                : detail::percent_encode(v, "/:");
    }
    return out;
}

}  // namespace retort

