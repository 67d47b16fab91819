#include "graphql/service.h"

#include <list>
#include <utility>
#include <vector>

namespace rampart::graphql {

namespace {

/// A query text parsed and validated once, shared by the requests that send
/// the same text.
struct PreparedDocument {
    std::optional<ast::Document> document;
    /// The parse error, or the validation errors; empty when executable.
    std::vector<GraphQLError> errors;
};

/// The operation a request names (GraphQL spec §6.1 GetOperation), for the
/// GET check before execution; execution repeats the choice with its own
/// messages when there is none.
const ast::OperationDefinition* chosen_operation(const ast::Document& document,
                                                 const std::optional<std::string>& operation_name) {
    const ast::OperationDefinition* chosen = nullptr;
    for (const auto& definition : document.definitions) {
        const auto* operation = std::get_if<ast::OperationDefinition>(&definition);
        if (operation == nullptr) continue;
        if (!operation_name) {
            if (chosen != nullptr) return nullptr;
            chosen = operation;
        } else if (operation->name && operation->name->value == *operation_name) {
            chosen = operation;
        }
    }
    return chosen;
}

}  // namespace

/// Least recently used documents by query text. The lock covers only the
/// look-up and the insertion: parsing and validation run outside it.
struct Service::Cache {
    using Entry = std::pair<std::string, std::shared_ptr<const PreparedDocument>>;

    std::mutex mutex;
    std::list<Entry> entries;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;

    std::shared_ptr<const PreparedDocument> find(std::string_view query) {
        std::lock_guard lock(mutex);
        auto found = index.find(query);
        if (found == index.end()) return nullptr;
        entries.splice(entries.begin(), entries, found->second);
        return found->second->second;
    }

    std::shared_ptr<const PreparedDocument> insert(std::string query, std::shared_ptr<const PreparedDocument> prepared,
                                                   size_t capacity) {
        std::lock_guard lock(mutex);
        if (auto found = index.find(query); found != index.end()) {
            // Another thread prepared the same text meanwhile: share one copy.
            entries.splice(entries.begin(), entries, found->second);
            return found->second->second;
        }
        if (capacity == 0) return prepared;
        entries.emplace_front(std::move(query), prepared);
        index.emplace(entries.front().first, entries.begin());
        while (entries.size() > capacity) {
            index.erase(entries.back().first);
            entries.pop_back();
        }
        return prepared;
    }
};

Service::Service(const Schema& schema, ServiceOptions options)
    : m_schema(schema), m_options(options), m_cache(std::make_unique<Cache>()) {}

Service::~Service() = default;

Response Service::run(Request request) const {
    Response response;
    std::shared_ptr<const PreparedDocument> prepared = m_cache->find(request.query);
    if (!prepared) {
        auto fresh = std::make_shared<PreparedDocument>();
        ParseResult parsed = parse(request.query, m_options.parse);
        if (parsed.document) {
            fresh->document = std::move(parsed.document);
            fresh->errors = validate(m_schema, *fresh->document, m_options.cost);
        } else {
            fresh->errors.push_back(
                parsed.error.value_or(GraphQLError{"Syntax Error.", {}, {}, "GRAPHQL_PARSE_FAILED"}));
        }
        if (request.query.size() <= m_options.max_cached_query_bytes) {
            prepared = m_cache->insert(request.query, std::move(fresh), m_options.document_cache_size);
        } else {
            prepared = std::move(fresh);
        }
    }
    // GraphQL over HTTP §6.4.2: a document that does not parse or validate
    // is a request error, answered without `data`.
    if (!prepared->errors.empty() || !prepared->document) {
        response.outcome = Outcome::RequestError;
        response.result.errors = prepared->errors;
        return response;
    }
    const ast::OperationDefinition* operation = chosen_operation(*prepared->document, request.operation_name);
    if (request.queries_only && operation != nullptr && operation->operation != ast::OperationType::Query) {
        // GraphQL over HTTP §6.3.1: GET may not change state.
        response.outcome = Outcome::MutationOverGet;
        response.result.errors.push_back(GraphQLError{
            "Can only perform a " +
                std::string(operation->operation == ast::OperationType::Mutation ? "mutation" : "subscription") +
                " operation from a POST request.",
            {operation->loc},
            {},
            "BAD_REQUEST"});
        return response;
    }
    ExecutionRequest execution;
    execution.document = &*prepared->document;
    execution.operation_name = std::move(request.operation_name);
    execution.variables = std::move(request.variables);
    execution.context = std::move(request.context);
    execution.uploads = std::move(request.uploads);
    response.result = execute(m_schema, execution);
    if (!response.result.data) {
        // Operation selection and variable coercion failed: nothing ran.
        response.outcome = Outcome::RequestError;
        for (auto& error : response.result.errors) {
            if (error.code.empty()) error.code = "BAD_USER_INPUT";
        }
    }
    return response;
}

}  // namespace rampart::graphql
