// Database URLs (sqlite:///file.db, postgresql://user:pw@host:port/db?k=v), parsed and redacted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/errors.hpp"

namespace retort {

/**
 * A parsed database URL, in SQLAlchemy's form:
 *
 *     sqlite://                     in-memory database (also sqlite:///:memory:)
 *     sqlite:///relative.db         a file relative to the working directory
 *     sqlite:////abs/path.db        an absolute path
 *     sqlite:///app.db?mode=ro      query keys become SQLite URI parameters
 *     postgresql://user:pw@host:5432/db?sslmode=disable&application_name=x
 *     postgres://...  postgresql+libpq://...
 *     postgresql://user@[::1]:5432/db
 *     postgresql://user@/db?host=/var/run/postgresql       (Unix socket)
 *     postgresql://user@%2Fvar%2Frun%2Fpostgresql/db        (same, socket path in the host)
 *
 * Every part is percent-decoded. A malformed or unsupported URL throws `interface_error` with
 * code "url" naming the part that is wrong; the password never appears in a message, and
 * `redacted()` (also what `fmt::format("{}", url)` prints, with <retort/fmt.hpp>) shows it as `***`.
 *
 *     auto u = retort::url::parse("postgresql://app:s3cret@db.local/shop");
 *     u.backend;     // "postgresql"
 *     u.redacted();  // "postgresql://app:***@db.local/shop"
 */
struct url {
    std::string scheme;    // as written: "sqlite", "postgres", "postgresql+libpq"
    std::string backend;   // normalised: "sqlite" or "postgresql"
    std::string username;
    std::string password;
    std::string host;      // without brackets for IPv6; may be a socket directory
    std::optional<std::uint16_t> port;
    std::string database;  // SQLite: the file path (":memory:" or empty for memory)
    std::vector<std::pair<std::string, std::string>> query;  // in order, decoded

    /** Parses `text`; throws interface_error (code "url") if it is malformed or unsupported. */
    [[nodiscard]] RETORT_API static url parse(std::string_view text);

    /** True for an SQLite database that lives only in memory (`sqlite://`, `:memory:`). */
    [[nodiscard]] bool is_memory() const noexcept {
        return backend == "sqlite" && (database.empty() || database == ":memory:");
    }

    /** The value of query key `key`, if present (the last one wins). */
    [[nodiscard]] std::optional<std::string_view> query_value(std::string_view key) const {
        std::optional<std::string_view> found;
        for (const auto& [k, v] : query) {
            if (k == key) found = v;
        }
        return found;
    }

    /** The URL with the password shown as `***`; safe for logs and messages. */
    [[nodiscard]] std::string redacted() const { return render(true); }

    /** The URL with its password, percent-encoded where needed; for handing to other tools. */
    [[nodiscard]] std::string render_with_password() const { return render(false); }

    friend bool operator==(const url&, const url&) = default;

private:
    [[nodiscard]] RETORT_API std::string render(bool hide_password) const;
};

namespace detail {

/** Escapes what would end or confuse a URL part; `keep` lists extra characters left as is. */
[[nodiscard]] RETORT_API std::string percent_encode(std::string_view text,
                                                   std::string_view keep = {});

}  // namespace detail

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/url-inl.hpp"
#endif
