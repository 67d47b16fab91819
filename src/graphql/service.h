#pragma once

#include <any>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/json/object.hpp>

#include "graphql/execution.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"

namespace rampart::graphql {

struct ServiceOptions {
    ParseLimits parse;
    CostLimits cost;
    /// Parsed and validated documents kept, by query text (LRU).
    size_t document_cache_size = 512;
    /// Longer query texts are parsed every time rather than cached, which
    /// bounds the cache's memory by document_cache_size × this.
    size_t max_cached_query_bytes = size_t{64} * 1024;
};

/// One GraphQL request as a transport hands it over.
struct Request {
    std::string query;
    std::optional<std::string> operation_name;
    boost::json::object variables;
    std::any context;
    std::unordered_map<std::string, Upload> uploads;
    /// GET requests may only run queries (GraphQL over HTTP §6.3.1: a
    /// mutation over GET is 405).
    bool queries_only = false;
};

/// How a request ended, for the transport's status code (GraphQL over HTTP
/// §6.4.2): a request error (parse, validation, bad variables, unknown
/// operation) is 400 with application/graphql-response+json.
enum class Outcome : uint8_t { Executed, RequestError, MutationOverGet };

struct Response {
    Outcome outcome = Outcome::Executed;
    ExecutionResult result;
};

/// Parse → validate → execute with a cache of validated documents; the
/// thread-safe entry point that transports call.
class Service {
public:
    Service(const Schema& schema, ServiceOptions options);
    ~Service();

    [[nodiscard]] Response run(Request request) const;
    [[nodiscard]] const Schema& schema() const { return m_schema; }
    [[nodiscard]] const ServiceOptions& options() const { return m_options; }

private:
    struct Cache;
    const Schema& m_schema;
    ServiceOptions m_options;
    std::unique_ptr<Cache> m_cache;
};

}  // namespace rampart::graphql
