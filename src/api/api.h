#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "api/context.h"
#include "core/error.h"
#include "graphql/schema.h"
#include "model/tenancy.h"

namespace rampart::api {

/// Rampart's schema (src/api/schema.graphql) with every resolver bound.
/// Answers a message instead when the SDL does not build or a field has no
/// resolver: the server refuses to start then.
[[nodiscard]] std::variant<std::unique_ptr<graphql::Schema>, std::string> build_schema();

/// The path a project's evidence files download from as one zip
/// (`/files/projects/<id>/attachments.zip`), as `Project.attachmentsUrl` answers it.
[[nodiscard]] std::string attachments_url(int64_t project_id);

/// A file written for one download; the caller sends it and removes it.
struct Download {
    std::string path;       ///< a temporary file
    std::string file_name;  ///< the name to offer the browser (Content-Disposition)
    std::string content_type;
    size_t entries = 0;  ///< the files the zip holds
};

/// Serves the files below `/files/`: `rest` is the request path after
/// `/files/` (a leading `/files/` or `/` is accepted too). For
/// `projects/<id>/attachments.zip` it writes the project's evidence files
/// into a zip in the temporary folder (ProjectService::attachments_zip, so
/// the actor's role and company are checked); any other path, and a project
/// of another company, is NotFound.
[[nodiscard]] core::Result<Download> attachments_download(Services& services, const model::Actor& actor,
                                                          std::string_view rest);

}  // namespace rampart::api
