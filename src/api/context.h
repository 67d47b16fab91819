#pragma once

#include <memory>

#include "app/admin_service.h"
#include "app/catalog_service.h"
#include "app/project_service.h"
#include "model/tenancy.h"

namespace rampart::api {

/// The use cases the resolvers call. The services are not thread-safe, so a
/// server holds one set per worker thread and passes that thread's set with
/// each request.
struct Services {
    app::ProjectService& projects;
    app::AdminService& admin;
    app::CatalogService& catalogs;
};

namespace detail {
struct RequestCache;
}  // namespace detail

/// What a GraphQL request runs with: the graphql::Request's `context` is a
/// `std::any` holding a `RequestContext*` that outlives the request. One per
/// request, never reused: its cache holds what this request read.
struct RequestContext {
    /// Who is calling (from the API key or the web sign-in).
    model::Actor actor;
    /// The services of the thread that runs the request.
    Services* services = nullptr;
    /// What resolvers loaded once for the whole request (catalog graphs, the
    /// catalog versions of projects); created on first use.
    std::shared_ptr<detail::RequestCache> cache;
};

}  // namespace rampart::api
