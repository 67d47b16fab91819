#include "api/detail/binding.h"

#include <fmt/format.h>

#include "api/detail/inputs.h"

namespace rampart::api::detail {
namespace {

/// The largest page any list serves (the stores' limit).
constexpr int MAX_LIMIT = 1000;

const boost::json::object& empty_object() {
    static const boost::json::object EMPTY;
    return EMPTY;
}

std::string graph_key(const app::CatalogSelection& selection) {
    return fmt::format("{}\n{}\n{}", selection.asvs.value_or("*"), selection.capec.value_or("*"),
                       selection.cwe.value_or("*"));
}

}  // namespace

graphql::FieldError to_field_error(const core::Error& error) {
    // The message, then one line per diagnostic as core::Error::to_string
    // writes them; a diagnostic that only repeats the message adds just its
    // position.
    std::string message = error.message;
    for (const auto& diagnostic : error.diagnostics) {
        const auto place = diagnostic.where.to_string();
        if (diagnostic.message == error.message) {
            if (!place.empty()) message += fmt::format("\n  {}", place);
        } else {
            message += fmt::format("\n  {}", diagnostic.to_string());
        }
    }
    return graphql::FieldError{std::move(message), std::string(core::info(error.code).graphql_code)};
}

const boost::json::value* Call::arg(std::string_view name) const {
    const auto* value = m_context.argument(name);
    return value == nullptr || value->is_null() ? nullptr : value;
}

const boost::json::object& Call::object_arg(std::string_view name) const {
    const auto* value = arg(name);
    return value != nullptr && value->is_object() ? value->get_object() : empty_object();
}

core::Result<storage::PageRequest> Call::page() const {
    storage::PageRequest request;
    if (const auto* page = arg("page")) {
        if (!page->is_int64() || page->get_int64() < 1) return bad_input("the page must be 1 or more");
        // Pages past what an int holds hold nothing anyway; the store keeps ints.
        if (page->get_int64() > 1'000'000'000) return bad_input("the page is too large");
        request.page = static_cast<int>(page->get_int64());
    }
    request.limit = RAMPART_TRY(limit_arg(*this, request.limit));
    return request;
}

core::Result<std::shared_ptr<const engine::CatalogGraph>> Call::graph(const app::CatalogSelection& selection) const {
    auto& graphs = cache().graphs;
    const auto key = graph_key(selection);
    if (const auto found = graphs.find(key); found != graphs.end()) return found->second;
    auto loaded = RAMPART_TRY(catalogs().load_graph(selection));
    auto shared = std::make_shared<const engine::CatalogGraph>(std::move(loaded));
    graphs.emplace(key, shared);
    return shared;
}

core::Result<std::shared_ptr<const model::Project>> Call::project(int64_t project_id) const {
    auto& projects_read = cache().projects;
    if (const auto found = projects_read.find(project_id); found != projects_read.end()) return found->second;
    auto loaded = RAMPART_TRY(projects().get(actor(), project_id));
    auto shared = std::make_shared<const model::Project>(std::move(loaded));
    projects_read.emplace(project_id, shared);
    return shared;
}

void Call::remember(const model::Project& project) const {
    cache().projects.insert_or_assign(project.id, std::make_shared<const model::Project>(project));
}

RequestCache& Call::cache() const {
    auto& request_context = request();
    if (!request_context.cache) request_context.cache = std::make_shared<RequestCache>();
    return *request_context.cache;
}

app::CatalogSelection catalogs_of(const model::Project& project) {
    app::CatalogSelection selection;
    if (!project.asvs_version.empty()) selection.asvs = project.asvs_version;
    if (!project.capec_version.empty()) selection.capec = project.capec_version;
    if (!project.cwe_version.empty()) selection.cwe = project.cwe_version;
    return selection;
}

core::Result<int> limit_arg(const Call& call, int fallback) {
    const auto* limit = call.arg("limit");
    if (limit == nullptr) return fallback;
    if (!limit->is_int64() || limit->get_int64() < 1 || limit->get_int64() > MAX_LIMIT) {
        return bad_input(fmt::format("the limit must be between 1 and {}", MAX_LIMIT));
    }
    return static_cast<int>(limit->get_int64());
}

}  // namespace rampart::api::detail
