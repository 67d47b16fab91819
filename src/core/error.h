#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rampart::core {

/// The one table of error codes. Each row gives the code, the GraphQL
/// `extensions.code`, the HTTP status and the CLI exit code, so every door
/// (CLI, HTTP, GraphQL) reports the same failure the same way.
#define RAMPART_ERROR_CODES(X)                    \
    X(Internal, "INTERNAL_SERVER_ERROR", 500, 1)  \
    X(InvalidArgument, "BAD_USER_INPUT", 400, 2)  \
    X(InvalidData, "INVALID_DATA", 422, 3)        \
    X(NotFound, "NOT_FOUND", 404, 4)              \
    X(Conflict, "CONFLICT", 409, 5)               \
    X(Forbidden, "FORBIDDEN", 403, 6)             \
    X(Unauthenticated, "UNAUTHENTICATED", 401, 7) \
    X(Io, "IO_ERROR", 500, 8)                     \
    X(Unavailable, "SERVICE_UNAVAILABLE", 503, 9) \
    X(LimitExceeded, "LIMIT_EXCEEDED", 413, 10)

enum class ErrorCode {
#define RAMPART_ENUM_ROW(name, graphql, http, exit_code) name,
    RAMPART_ERROR_CODES(RAMPART_ENUM_ROW)
#undef RAMPART_ENUM_ROW
};

/// What the table says about one code.
struct ErrorCodeInfo {
    ErrorCode code;
    std::string_view name;
    std::string_view graphql_code;
    int http_status;
    int exit_code;
};

[[nodiscard]] const ErrorCodeInfo& info(ErrorCode code);
[[nodiscard]] const std::vector<ErrorCodeInfo>& error_code_table();

/// Where in an input a problem sits. Only the parts that apply are set:
/// `file` with `line`/`column` for text formats, `pointer` (RFC 6901) for JSON.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
    std::string pointer;

    [[nodiscard]] std::string to_string() const;
};

/// One problem found in an input, with its position.
struct Diagnostic {
    SourceLocation where;
    std::string message;

    [[nodiscard]] std::string to_string() const;
};

/// An expected failure: a code from the table, a sentence for people and,
/// for inputs, every problem found (parsers report all of them, not only the
/// first).
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::vector<Diagnostic> diagnostics;

    [[nodiscard]] static Error make(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }
    /// Formats the message followed by one diagnostic a line.
    [[nodiscard]] std::string to_string() const;
};

/// A value or an Error. Expected failures travel as values; exceptions are
/// reserved for programmer errors and for the adapters around libraries that
/// throw, which catch and convert them.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & {
        assert(ok());
        return std::get<T>(m_state);
    }
    [[nodiscard]] const T& value() const& {
        assert(ok());
        return std::get<T>(m_state);
    }
    [[nodiscard]] T&& value() && {
        assert(ok());
        return std::get<T>(std::move(m_state));
    }
    [[nodiscard]] const Error& error() const& {
        assert(!ok());
        return std::get<Error>(m_state);
    }
    [[nodiscard]] Error&& error() && {
        assert(!ok());
        return std::get<Error>(std::move(m_state));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const& {
        assert(!ok());
        return *m_error;
    }
    [[nodiscard]] Error&& error() && {
        assert(!ok());
        return std::move(*m_error);
    }
    void value() const { assert(ok()); }

private:
    std::optional<Error> m_error;
};

}  // namespace rampart::core

/// Evaluates a Result; on failure returns its Error from the enclosing
/// function, otherwise yields the value (GNU statement expression, supported
/// by g++ and clang++). Each use gets its own variable name so that uses can
/// nest (a lambda with a TRY inside a TRY).
#define RAMPART_TRY(expr) RAMPART_TRY_NAMED(expr, RAMPART_CONCAT(rampart_try_result_, __COUNTER__))
#define RAMPART_CONCAT_INNER(a, b) a##b
#define RAMPART_CONCAT(a, b) RAMPART_CONCAT_INNER(a, b)
#define RAMPART_TRY_NAMED(expr, name)                                                                    \
    ({                                                                                                   \
        auto name = (expr);                             /* NOLINT(bugprone-macro-parentheses): a name */ \
        if (!name.ok()) return std::move(name).error(); /* NOLINT(bugprone-macro-parentheses) */         \
        std::move(name).value();                        /* NOLINT(bugprone-macro-parentheses) */         \
    })
