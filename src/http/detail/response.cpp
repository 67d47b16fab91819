#include "http/detail/response.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace rampart::http::detail {

namespace http = boost::beast::http;

namespace {

constexpr std::string_view API_POLICY =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
constexpr std::string_view PAGE_POLICY =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";
// Altair bootstraps with inline scripts and compiles queries' editors at
// run time, so only its pages get 'unsafe-inline' and 'unsafe-eval'.
constexpr std::string_view EXPLORER_POLICY =
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
constexpr std::string_view DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

}  // namespace

void set_security_headers(http::fields& fields, Surface surface) {
    fields.set("X-Content-Type-Options", "nosniff");
    fields.set("Referrer-Policy", "no-referrer");
    fields.set("X-Frame-Options", "DENY");
    fields.set("Cross-Origin-Resource-Policy", "same-origin");
    switch (surface) {
        case Surface::Api:
            fields.set("Content-Security-Policy", API_POLICY);
            fields.set(http::field::cache_control, "no-store");
            break;
        case Surface::Page:
            fields.set("Content-Security-Policy", PAGE_POLICY);
            fields.set(http::field::cache_control, "no-cache");
            break;
        case Surface::Explorer:
            fields.set("Content-Security-Policy", EXPLORER_POLICY);
            fields.set(http::field::cache_control, "no-cache");
            break;
        case Surface::Download:
            fields.set("Content-Security-Policy", DOWNLOAD_POLICY);
            fields.set(http::field::cache_control, "no-store");
            break;
    }
}

std::string error_body(std::string_view message, std::string_view code) {
    boost::json::object error;
    error["message"] = message;
    if (!code.empty()) error["extensions"] = boost::json::object{{"code", code}};
    boost::json::object body;
    body["errors"] = boost::json::array{std::move(error)};
    return boost::json::serialize(body);
}

std::string_view code_for_status(int status) {
    switch (status) {
        case 400: return "BAD_REQUEST";
        case 401: return "UNAUTHENTICATED";
        case 403: return "FORBIDDEN";
        case 404: return "NOT_FOUND";
        case 405: return "METHOD_NOT_ALLOWED";
        case 406: return "NOT_ACCEPTABLE";
        case 413: return "LIMIT_EXCEEDED";
        case 415: return "UNSUPPORTED_MEDIA_TYPE";
        case 429: return "RATE_LIMITED";
        case 431: return "REQUEST_HEADER_FIELDS_TOO_LARGE";
        case 503: return "SERVICE_UNAVAILABLE";
        default: return status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
    }
}

}  // namespace rampart::http::detail
