#include "evidence/attachments_zip.h"

#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <set>
#include <system_error>

#include "core/text.h"
#include "evidence/detail/atomic_file.h"

namespace rampart::evidence {
namespace {

struct ZipDiscarder {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipDiscarder>;

struct ZipFileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

core::Error invalid(std::string message) {
    return core::Error::make(core::ErrorCode::InvalidArgument, std::move(message));
}

std::string open_error_message(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
}

/// The entry's path made relative and clean: '/' separators, no empty or
/// "." parts. A ".." part would let an unzip tool write outside its target
/// folder ("zip slip"), so it is refused.
core::Result<std::string> clean_zip_path(std::string_view path) {
    if (const auto invalid_at = core::find_invalid_utf8(path)) {
        return invalid(fmt::format("zip path '{}' is not UTF-8 (invalid byte at offset {})", path, *invalid_at));
    }
    std::string out;
    std::string part;
    const auto flush = [&]() -> core::Result<void> {
        if (part == "..") return invalid(fmt::format("zip path '{}' climbs out of the zip's folder ('..')", path));
        if (!part.empty() && part != ".") {
            if (!out.empty()) out += '/';
            out += part;
        }
        part.clear();
        return {};
    };
    for (const char c : path) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            return invalid(fmt::format("zip path '{}' holds a control character", path));
        }
        if (c == '/' || c == '\\') {
            RAMPART_TRY(flush());
        } else {
            part += c;
        }
    }
    RAMPART_TRY(flush());
    if (out.empty()) return invalid(fmt::format("zip path '{}' names no file", path));
    return out;
}

/// "a.png" → "a (2).png": the counter goes before the extension of the last
/// part, so the copy still opens with the right program.
std::string numbered(std::string_view path, int number) {
    const auto slash = path.rfind('/');
    const auto name_start = slash == std::string_view::npos ? 0 : slash + 1;
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos || dot <= name_start) dot = path.size();
    return fmt::format("{} ({}){}", path.substr(0, dot), number, path.substr(dot));
}

/// Formats whose content is compressed already; deflating them again costs
/// time and gains nothing.
bool is_compressed_format(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos) return false;
    const auto extension = core::to_lower(path.substr(dot + 1));
    static const std::set<std::string, std::less<>> compressed = {"png",  "jpg",  "jpeg", "zip", "rar",
                                                                  "docx", "xlsx", "pptx", "apk"};
    return compressed.contains(extension);
}

core::Result<std::filesystem::path> source_of(const ZipEntry& entry, const BlobStore* blobs) {
    if (!entry.blob_sha256.empty()) {
        if (blobs == nullptr) {
            return invalid(fmt::format("zip entry '{}' names blob {} but no blob store was given", entry.path_in_zip,
                                       entry.blob_sha256));
        }
        auto path = RAMPART_TRY(blobs->path_of(entry.blob_sha256));
        if (!blobs->exists(entry.blob_sha256)) {
            return core::Error::make(
                core::ErrorCode::NotFound,
                fmt::format("zip entry '{}': blob {} is not in the store", entry.path_in_zip, entry.blob_sha256));
        }
        return path;
    }
    std::error_code error;
    if (entry.source_file.empty() || !std::filesystem::is_regular_file(entry.source_file, error)) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("zip entry '{}': the file '{}' does not exist",
                                                                        entry.path_in_zip, entry.source_file.string()));
    }
    return entry.source_file;
}

// The end-of-central-directory record of an archive with no entries
// (PKWARE APPNOTE.TXT §4.3.16): libzip writes no file at all for an empty
// archive, but "download attachments" of a project without evidence should
// still give a zip that opens.
constexpr std::string_view EMPTY_ZIP("PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22);

}  // namespace

core::Result<void> write_attachments_zip(const std::vector<ZipEntry>& entries, const std::string& zip_path,
                                         const BlobStore* blobs) {
    // Every entry is checked before anything is written, so a bad entry
    // leaves no zip behind.
    struct Planned {
        std::string name;
        std::filesystem::path source;
    };
    std::vector<Planned> planned;
    std::set<std::string> taken;  // lower-cased names already in the zip
    for (const auto& entry : entries) {
        const auto clean = RAMPART_TRY(clean_zip_path(entry.path_in_zip));
        auto source = RAMPART_TRY(source_of(entry, blobs));
        std::string name = clean;
        for (int number = 2; taken.contains(core::to_lower(name)); ++number) name = numbered(clean, number);
        taken.insert(core::to_lower(name));
        planned.push_back({std::move(name), std::move(source)});
    }

    const std::filesystem::path target(zip_path);
    std::error_code fs_error;
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), fs_error);
    if (fs_error) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("cannot create the folder of {}: {}", zip_path, fs_error.message()));
    }
    if (planned.empty()) return detail::write_file_atomically(target, EMPTY_ZIP);

    int open_error = 0;
    ZipHandle archive(zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &open_error));
    if (!archive) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("cannot create {}: {}", zip_path, open_error_message(open_error)));
    }
    for (const auto& entry : planned) {
        // The file is read when the archive is written, so evidence is
        // streamed rather than held in memory; -1 means up to its end.
        zip_source_t* source = zip_source_file(archive.get(), entry.source.c_str(), 0, -1);
        if (source == nullptr) {
            return core::Error::make(
                core::ErrorCode::Io,
                fmt::format("cannot read {} for {}: {}", entry.source.string(), zip_path, zip_strerror(archive.get())));
        }
        const auto index = zip_file_add(archive.get(), entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return core::Error::make(core::ErrorCode::Io, fmt::format("cannot add {} to {}: {}", entry.name, zip_path,
                                                                      zip_strerror(archive.get())));
        }
        if (is_compressed_format(entry.name)) {
            zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
        }
    }
    // zip_close writes into a temporary file beside zip_path and renames it
    // into place; on failure the handle stays open and is discarded.
    if (zip_close(archive.get()) != 0) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("cannot write {}: {}", zip_path, zip_strerror(archive.get())));
    }
    static_cast<void>(archive.release());
    return {};
}

core::Result<std::vector<ZipContent>> read_zip_entries(const std::string& zip_path, size_t max_total_bytes) {
    int open_error = 0;
    ZipHandle archive(zip_open(zip_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &open_error));
    if (!archive) {
        const auto code = open_error == ZIP_ER_NOENT ? core::ErrorCode::NotFound : core::ErrorCode::InvalidData;
        return core::Error::make(code, fmt::format("cannot open {}: {}", zip_path, open_error_message(open_error)));
    }
    std::vector<ZipContent> out;
    size_t total = 0;
    const auto count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), index, 0, &stat) != 0) {
            return core::Error::make(core::ErrorCode::InvalidData,
                                     fmt::format("{}: entry {}: {}", zip_path, i, zip_strerror(archive.get())));
        }
        // The declared size is only a hint (a hostile archive may lie), so
        // the limit is also enforced while reading.
        if (stat.size > max_total_bytes - total) {
            return core::Error::make(core::ErrorCode::LimitExceeded,
                                     fmt::format("{}: the entries hold more than {} bytes", zip_path, max_total_bytes));
        }
        std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive.get(), index, 0));
        if (!file) {
            return core::Error::make(core::ErrorCode::InvalidData,
                                     fmt::format("{}: cannot open entry {}: {}", zip_path,
                                                 stat.name != nullptr ? stat.name : "?", zip_strerror(archive.get())));
        }
        ZipContent entry;
        entry.name = stat.name != nullptr ? stat.name : "";
        char buffer[65536];
        while (true) {
            const auto read = zip_fread(file.get(), buffer, sizeof buffer);
            if (read < 0) {
                return core::Error::make(core::ErrorCode::InvalidData,
                                         fmt::format("{}: cannot read entry {}", zip_path, entry.name));
            }
            if (read == 0) break;
            total += static_cast<size_t>(read);
            if (total > max_total_bytes) {
                return core::Error::make(
                    core::ErrorCode::LimitExceeded,
                    fmt::format("{}: the entries hold more than {} bytes", zip_path, max_total_bytes));
            }
            entry.content.append(buffer, static_cast<size_t>(read));
        }
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace rampart::evidence
