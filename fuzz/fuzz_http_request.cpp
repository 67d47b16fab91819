// An HTTP request off the wire: Beast's parser on arbitrary bytes, then
// everything the server derives from a request's head and body (media
// types, Accept negotiation, the multipart boundary, the path, the GET
// parameters and the JSON body of a GraphQL request).
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/graphql_request.h"
#include "http/media_type.h"
#include "http/multipart.h"
#include "http/static_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace bhttp = boost::beast::http;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(1 << 20);
    parser.eager(true);
    boost::beast::error_code ec;
    (void)parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_header_done()) return 0;
    const auto& request = parser.get();
    (void)rampart::http::negotiate_response_type(request[bhttp::field::accept]);
    (void)rampart::http::parse_media_type(request[bhttp::field::content_type]);
    (void)rampart::http::multipart_boundary(request[bhttp::field::content_type]);
    const std::string_view target = request.target();
    const auto query_at = target.find('?');
    (void)rampart::http::percent_decode_path(target.substr(0, query_at));
    if (query_at != std::string_view::npos) (void)rampart::http::decode_query_request(target.substr(query_at + 1));
    if (parser.is_done()) (void)rampart::http::decode_json_request(request.body());
    return 0;
}
