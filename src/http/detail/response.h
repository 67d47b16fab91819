#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>

namespace rampart::http::detail {

/// What a response carries, for its security headers.
enum class Surface : uint8_t { Api, Page, Explorer, Download };

/// The headers every response carries (X-Content-Type-Options,
/// Referrer-Policy, X-Frame-Options, Cross-Origin-Resource-Policy), with
/// the Content-Security-Policy and Cache-Control of its surface: API answers
/// may run nothing and are never stored; the web page runs only its own
/// scripts; the explorer (Altair) needs inline and evaluated scripts.
void set_security_headers(boost::beast::http::fields& fields, Surface surface);

/// `{"errors":[{"message":…,"extensions":{"code":…}}]}`, the shape of a
/// GraphQL request error, for every error the transport answers itself.
[[nodiscard]] std::string error_body(std::string_view message, std::string_view code);

/// The `extensions.code` of a transport error status.
[[nodiscard]] std::string_view code_for_status(int status);

}  // namespace rampart::http::detail
