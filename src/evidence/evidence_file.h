#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "evidence/content_sniffer.h"

namespace rampart::evidence {

/// The limits an evidence file must respect; the server's configuration
/// fills it.
struct EvidencePolicy {
    /// The largest file accepted, in bytes.
    size_t max_bytes = size_t{25} * 1024 * 1024;
};

/// An evidence file that passed every check.
struct CheckedFile {
    /// The name without any folder part and with characters that Windows
    /// refuses in file names (`<>:"|?*`) replaced by '_': safe to show and
    /// to use as a file name inside the attachments zip.
    std::string display_name;
    /// Lower case, without the dot ("png"); "jpeg" is kept as written.
    std::string extension;
    /// What the content is, as libmagic tells it ("image/png").
    std::string mime_type;
    size_t size = 0;
};

/// The extensions accepted for evidence, lower case without the dot:
/// rar pdf zip jpg jpeg png txt pptx xlsx docx apk (DESIGN.md §1, plus
/// "jpeg", the other common spelling of JPEG files; the content is checked
/// the same way, so accepting it adds no risk).
[[nodiscard]] const std::vector<std::string_view>& allowed_extensions();

/// The name a user gave a file, made safe: any folder part (before the last
/// '/' or '\\') is dropped, as browsers on Windows may send
/// `C:\Users\ana\report.pdf`; a name that climbs folders (`..`), holds a
/// control character or a Unicode direction control (which can disguise an
/// extension: "report\u202Efdp.exe"), is not UTF-8, is empty or longer than
/// 255 bytes is refused (InvalidArgument).
[[nodiscard]] core::Result<std::string> sanitize_file_name(std::string_view original_name);

/// Checks an uploaded evidence file: the name (sanitize_file_name), the
/// extension (allowed_extensions, case-insensitive), the size (not empty,
/// at most policy.max_bytes: LimitExceeded) and that the content is what
/// the extension says, as libmagic tells it:
/// - .png image/png; .jpg/.jpeg image/jpeg; .pdf application/pdf;
///   .rar application/x-rar (or vnd.rar);
/// - .txt any text/* or application/json, and valid UTF-8 (ASCII is);
/// - .zip a zip archive libzip can read (a .docx or .apk renamed .zip is one);
/// - .docx/.xlsx/.pptx the Office type, or a plain zip, holding
///   [Content_Types].xml and word/, xl/ or ppt/ — libmagic only names the
///   Office type when [Content_Types].xml is the archive's first entry;
/// - .apk application/vnd.android.package-archive, or a zip (or jar)
///   holding AndroidManifest.xml.
/// Other failures are InvalidArgument and say what was expected and what
/// was found ("evidence.png: the content is application/pdf, not a PNG
/// image").
[[nodiscard]] core::Result<CheckedFile> check_evidence_file(std::string_view original_name, std::string_view content,
                                                            const EvidencePolicy& policy, ContentSniffer& sniffer);

/// As above, with a sniffer created for this call (loading libmagic's
/// database each time); a server keeps a ContentSniffer per thread and calls
/// the overload above.
[[nodiscard]] core::Result<CheckedFile> check_evidence_file(std::string_view original_name, std::string_view content,
                                                            const EvidencePolicy& policy);

}  // namespace rampart::evidence
