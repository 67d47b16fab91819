#include "evidence/content_sniffer.h"

#include <fmt/format.h>
#include <magic.h>

namespace rampart::evidence {

void ContentSniffer::Closer::operator()(magic_set* handle) const { magic_close(handle); }

ContentSniffer::ContentSniffer(magic_set* handle) : m_handle(handle) {}
ContentSniffer::ContentSniffer(ContentSniffer&&) noexcept = default;
ContentSniffer& ContentSniffer::operator=(ContentSniffer&&) noexcept = default;
ContentSniffer::~ContentSniffer() = default;

core::Result<ContentSniffer> ContentSniffer::create() {
    // MAGIC_MIME_TYPE answers "image/png" rather than a sentence; without
    // MAGIC_COMPRESS libmagic never decompresses what it is given.
    magic_t handle = magic_open(MAGIC_MIME_TYPE);
    if (handle == nullptr) {
        return core::Error::make(core::ErrorCode::Internal, "libmagic could not be opened (out of memory)");
    }
    ContentSniffer sniffer(handle);
    // nullptr: the default database (/usr/share/misc/magic.mgc, or $MAGIC).
    if (magic_load(handle, nullptr) != 0) {
        const char* reason = magic_error(handle);
        return core::Error::make(core::ErrorCode::Internal, fmt::format("libmagic could not load its database: {}",
                                                                        reason != nullptr ? reason : "unknown error"));
    }
    return sniffer;
}

core::Result<std::string> ContentSniffer::mime_type(std::string_view content) {
    if (!m_handle) return core::Error::make(core::ErrorCode::Internal, "the content sniffer was moved from");
    const char* type = magic_buffer(m_handle.get(), content.data(), content.size());
    if (type == nullptr) {
        const char* reason = magic_error(m_handle.get());
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("libmagic could not tell the type of the content: {}",
                                             reason != nullptr ? reason : "unknown error"));
    }
    return std::string(type);
}

}  // namespace rampart::evidence
