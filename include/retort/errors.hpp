// The exception hierarchy, modelled on DBAPI and SQLAlchemy; codes are listed in docs/errors.md.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "retort/detail/export.hpp"

namespace retort {

/**
 * Base of everything retort throws. `code()` is retort's stable code for the kind of error
 * (documented in docs/errors.md); `db_code()` is the database's own code when there is one
 * (SQLite extended result code as decimal text, PostgreSQL SQLSTATE); `statement()` is the SQL
 * text involved, never with parameter values.
 */
class RETORT_API error : public std::runtime_error {
public:
    ~error() override;  // defined in the library: one vtable, one type_info
    error(std::string_view code, const std::string& message, std::string db_code = {},
          std::string statement = {})
        : std::runtime_error(message),
          code_(code),
          db_code_(std::move(db_code)),
          statement_(std::move(statement)) {}

    [[nodiscard]] std::string_view code() const noexcept { return code_; }
    [[nodiscard]] const std::string& db_code() const noexcept { return db_code_; }
    [[nodiscard]] const std::string& statement() const noexcept { return statement_; }

private:
    std::string_view code_;
    std::string db_code_;
    std::string statement_;
};

/** Misuse of retort's own API at run time (e.g. a malformed URL, a closed connection). */
class RETORT_API interface_error : public error {
public:
    ~interface_error() override;  // defined in the library: one vtable, one type_info
    using error::error;
};

/** Something the database reported. */
class RETORT_API database_error : public error {
public:
    ~database_error() override;  // defined in the library: one vtable, one type_info
    using error::error;
};

/** A value that does not fit: NULL into a non-optional field, an integer out of range,
 *  text where a number was expected, a column-count mismatch. */
class RETORT_API data_error : public database_error {
public:
    ~data_error() override;  // defined in the library: one vtable, one type_info
    using database_error::database_error;
};

/** Connection lost, timeout, database locked, pool exhausted. */
class RETORT_API operational_error : public database_error {
public:
    ~operational_error() override;  // defined in the library: one vtable, one type_info
    using database_error::database_error;
};

/** Unique, foreign-key, NOT NULL or CHECK violation; `constraint()` names it when known. */
class RETORT_API integrity_error : public database_error {
public:
    ~integrity_error() override;  // defined in the library: one vtable, one type_info
    integrity_error(std::string_view code, const std::string& message, std::string db_code = {},
                    std::string statement = {}, std::string constraint = {})
        : database_error(code, message, std::move(db_code), std::move(statement)),
          constraint_(std::move(constraint)) {}
    [[nodiscard]] const std::string& constraint() const noexcept { return constraint_; }

private:
    std::string constraint_;
};

/** SQL the database rejected: syntax, missing table or column, wrong number of parameters. */
class RETORT_API programming_error : public database_error {
public:
    ~programming_error() override;  // defined in the library: one vtable, one type_info
    using database_error::database_error;
};

/** A feature the database or driver does not support. */
class RETORT_API not_supported_error : public database_error {
public:
    ~not_supported_error() override;  // defined in the library: one vtable, one type_info
    using database_error::database_error;
};

/** The ORM session refused an operation (e.g. used after a failed flush without rollback). */
class RETORT_API session_error : public interface_error {
public:
    ~session_error() override;  // defined in the library: one vtable, one type_info
    using interface_error::interface_error;
};

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/detail/errors-inl.hpp"
#endif
