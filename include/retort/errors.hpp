// The exception hierarchy, modelled on DBAPI and SQLAlchemy; codes are listed in docs/errors.md.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace retort {

/**
 * Base of everything retort throws. `code()` is retort's stable code for the kind of error
 * (documented in docs/errors.md); `db_code()` is the database's own code when there is one
 * (SQLite extended result code as decimal text, PostgreSQL SQLSTATE); `statement()` is the SQL
 * text involved, never with parameter values.
 */
class error : public std::runtime_error {
public:
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
class interface_error : public error {
public:
    using error::error;
};

/** Something the database reported. */
class database_error : public error {
public:
    using error::error;
};

/** A value that does not fit: NULL into a non-optional field, an integer out of range,
 *  text where a number was expected, a column-count mismatch. */
class data_error : public database_error {
public:
    using database_error::database_error;
};

/** Connection lost, timeout, database locked, pool exhausted. */
class operational_error : public database_error {
public:
    using database_error::database_error;
};

/** Unique, foreign-key, NOT NULL or CHECK violation; `constraint()` names it when known. */
class integrity_error : public database_error {
public:
    integrity_error(std::string_view code, const std::string& message, std::string db_code = {},
                    std::string statement = {}, std::string constraint = {})
        : database_error(code, message, std::move(db_code), std::move(statement)),
          constraint_(std::move(constraint)) {}
    [[nodiscard]] const std::string& constraint() const noexcept { return constraint_; }

private:
    std::string constraint_;
};

/** SQL the database rejected: syntax, missing table or column, wrong number of parameters. */
class programming_error : public database_error {
public:
    using database_error::database_error;
};

/** A feature the database or driver does not support. */
class not_supported_error : public database_error {
public:
    using database_error::database_error;
};

/** The ORM session refused an operation (e.g. used after a failed flush without rollback). */
class session_error : public interface_error {
public:
    using interface_error::interface_error;
};

}  // namespace retort
