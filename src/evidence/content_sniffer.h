#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

// libmagic's handle type (magic.h: `typedef struct magic_set *magic_t`),
// declared here so that users of the sniffer need not include magic.h.
struct magic_set;

namespace rampart::evidence {

/// Tells what bytes are from their content, not their name, with libmagic
/// (the library behind file(1)): answers a MIME type such as "image/png".
///
/// Creating a sniffer loads the magic database, so create one and keep it.
/// A sniffer is not thread-safe (a libmagic handle keeps per-call state):
/// give each thread its own.
class ContentSniffer {
public:
    /// Opens libmagic in MIME-type mode with the system's magic database.
    [[nodiscard]] static core::Result<ContentSniffer> create();

    ContentSniffer(ContentSniffer&&) noexcept;
    ContentSniffer& operator=(ContentSniffer&&) noexcept;
    ContentSniffer(const ContentSniffer&) = delete;
    ContentSniffer& operator=(const ContentSniffer&) = delete;
    ~ContentSniffer();

    /// The MIME type of the bytes ("application/pdf"; "application/x-empty"
    /// for no bytes); an Internal error when libmagic fails.
    [[nodiscard]] core::Result<std::string> mime_type(std::string_view content);

private:
    struct Closer {
        void operator()(magic_set* handle) const;
    };

    explicit ContentSniffer(magic_set* handle);

    std::unique_ptr<magic_set, Closer> m_handle;
};

}  // namespace rampart::evidence
