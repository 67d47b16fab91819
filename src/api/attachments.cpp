#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include <stdlib.h>
#include <unistd.h>

#include "api/api.h"

namespace rampart::api {
namespace {

core::Error no_such_file(std::string_view rest) {
    return core::Error::make(core::ErrorCode::NotFound, fmt::format("no file /files/{}", rest));
}

/// The project id of `projects/<id>/attachments.zip`, if that is the path.
std::optional<int64_t> attachments_project(std::string_view path) {
    constexpr std::string_view PREFIX = "projects/";
    constexpr std::string_view SUFFIX = "/attachments.zip";
    if (path.size() <= PREFIX.size() + SUFFIX.size() || path.substr(0, PREFIX.size()) != PREFIX ||
        path.substr(path.size() - SUFFIX.size()) != SUFFIX) {
        return std::nullopt;
    }
    const auto digits = path.substr(PREFIX.size(), path.size() - PREFIX.size() - SUFFIX.size());
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    int64_t id = 0;
    for (const char c : digits) id = id * 10 + (c - '0');
    if (id <= 0) return std::nullopt;
    return id;
}

}  // namespace

std::string attachments_url(int64_t project_id) {
    return fmt::format("/files/projects/{}/attachments.zip", project_id);
}

core::Result<Download> attachments_download(Services& services, const model::Actor& actor, std::string_view rest) {
    auto path = rest;
    if (path.substr(0, 1) == "/") path.remove_prefix(1);
    if (path.substr(0, 6) == "files/") path.remove_prefix(6);
    const auto project_id = attachments_project(path);
    if (!project_id) return no_such_file(path);

    // mkstemps replaces the six 'X' before the suffix with a unique name and
    // creates the file, so no other process can take it.
    auto pattern =
        (std::filesystem::temp_directory_path() / ("rampart-attachments-" + std::string(6, 'X') + ".zip")).string();
    const int fd = ::mkstemps(pattern.data(), 4);
    if (fd < 0) return core::Error::make(core::ErrorCode::Io, "cannot create a temporary file for the zip");
    ::close(fd);
    auto written = services.projects.attachments_zip(actor, *project_id, pattern);
    if (!written.ok()) {
        std::error_code ignored;
        std::filesystem::remove(pattern, ignored);
        return std::move(written).error();
    }
    return Download{pattern, fmt::format("project-{}-attachments.zip", *project_id), "application/zip", *written};
}

}  // namespace rampart::api
