#include "evidence/evidence_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "evidence/detail/zip_archive.h"

namespace rampart::evidence {
namespace {

// Most file systems cap a name at 255 bytes (NAME_MAX).
constexpr size_t MAX_NAME_BYTES = 255;

constexpr std::string_view DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
constexpr std::string_view APK_TYPE = "application/vnd.android.package-archive";
constexpr std::string_view JAR_TYPE = "application/java-archive";
constexpr std::string_view ZIP_TYPE = "application/zip";

/// What the content of a zip container must hold beyond libmagic's answer.
enum class Container {
    None,
    /// Any zip archive libzip can read.
    Zip,
    /// An Office Open XML package (ECMA-376 Part 2, Open Packaging
    /// Conventions): the archive holds [Content_Types].xml and the main
    /// part's folder. libmagic only names the Office type when
    /// [Content_Types].xml comes first in the archive, so a plain
    /// "application/zip" answer is checked this way.
    Office,
    /// An Android package: a zip holding AndroidManifest.xml.
    AndroidPackage,
};

struct ContentRule {
    std::string_view extension;
    std::string_view description;
    std::vector<std::string_view> mime_types;
    Container container;
    std::string_view office_folder;  ///< the main part's folder of an Office package, else ""
};

/// What each extension's content must be. The MIME types are libmagic's
/// answers (file 5.44), including the older spellings other versions give.
const std::vector<ContentRule>& content_rules() {
    static const std::vector<ContentRule> rules = {
        {"rar",
         "a RAR archive",
         {"application/x-rar", "application/vnd.rar", "application/x-rar-compressed"},
         Container::None,
         ""},
        {"pdf", "a PDF document", {"application/pdf"}, Container::None, ""},
        // A .docx or an .apk renamed to .zip is still a zip archive.
        {"zip", "a zip archive", {ZIP_TYPE, DOCX_TYPE, XLSX_TYPE, PPTX_TYPE, APK_TYPE, JAR_TYPE}, Container::Zip, ""},
        {"jpg", "a JPEG image", {"image/jpeg"}, Container::None, ""},
        {"jpeg", "a JPEG image", {"image/jpeg"}, Container::None, ""},
        {"png", "a PNG image", {"image/png"}, Container::None, ""},
        // Text is any text/* answer (plain, csv, html, xml, …) or JSON, and
        // must also be UTF-8; see check_text.
        {"txt", "UTF-8 text", {}, Container::None, ""},
        {"pptx", "a PowerPoint presentation (.pptx)", {PPTX_TYPE, ZIP_TYPE}, Container::Office, "ppt/"},
        {"xlsx", "an Excel workbook (.xlsx)", {XLSX_TYPE, ZIP_TYPE}, Container::Office, "xl/"},
        {"docx", "a Word document (.docx)", {DOCX_TYPE, ZIP_TYPE}, Container::Office, "word/"},
        {"apk", "an Android package (.apk)", {APK_TYPE, ZIP_TYPE, JAR_TYPE}, Container::AndroidPackage, ""},
    };
    return rules;
}

const ContentRule* rule_for(std::string_view extension) {
    for (const auto& rule : content_rules()) {
        if (rule.extension == extension) return &rule;
    }
    return nullptr;
}

std::string extension_list() {
    std::string out;
    for (const auto extension : allowed_extensions()) {
        if (!out.empty()) out += ' ';
        out += '.';
        out += extension;
    }
    return out;
}

core::Error invalid(std::string message) {
    return core::Error::make(core::ErrorCode::InvalidArgument, std::move(message));
}

std::string size_text(size_t bytes) {
    constexpr size_t KIB = 1024;
    constexpr size_t MIB = 1024 * KIB;
    if (bytes >= MIB) {
        if (bytes % MIB == 0) return fmt::format("{} MiB", bytes / MIB);
        return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / static_cast<double>(MIB));
    }
    if (bytes >= KIB) {
        if (bytes % KIB == 0) return fmt::format("{} KiB", bytes / KIB);
        return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / static_cast<double>(KIB));
    }
    return fmt::format("{} bytes", bytes);
}

/// The code point of the UTF-8 sequence at `i` (the text is known to be
/// valid UTF-8) and the sequence's length.
std::pair<char32_t, size_t> decode_utf8(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
    const char32_t lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    if (lead < 0xE0) return {((lead & 0x1F) << 6) | (byte(1) & 0x3F), 2};
    if (lead < 0xF0) return {((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F), 3};
    return {((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F), 4};
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// Unicode's explicit direction controls (UAX #9 §2): LRM, RLM, the
/// embeddings and overrides, and the isolates.
bool is_direction_control(char32_t c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/// The text's own check: libmagic calls UTF-16 "text/plain" too, and a
/// reviewer's viewer expects UTF-8.
core::Result<void> check_text(std::string_view name, std::string_view content, std::string_view mime_type) {
    const bool textual = mime_type.starts_with("text/") || mime_type == "application/json";
    if (!textual) return invalid(fmt::format("{}: the content is {}, not UTF-8 text", name, mime_type));
    if (const auto invalid_at = core::find_invalid_utf8(content)) {
        return invalid(fmt::format("{}: the content is not UTF-8 text (invalid byte at offset {})", name, *invalid_at));
    }
    return {};
}

core::Result<void> check_container(std::string_view name, std::string_view content, const ContentRule& rule) {
    auto entries = detail::zip_entry_names(content);
    if (!entries) {
        return invalid(fmt::format("{}: the content should be {} but the zip archive cannot be read ({})", name,
                                   rule.description, entries.error().message));
    }
    const auto holds = [&](std::string_view wanted) {
        return std::find(entries->begin(), entries->end(), wanted) != entries->end();
    };
    const auto holds_folder = [&](std::string_view folder) {
        return std::any_of(entries->begin(), entries->end(),
                           [&](const std::string& entry) { return entry.starts_with(folder); });
    };
    switch (rule.container) {
        case Container::None:
        case Container::Zip: return {};
        case Container::Office:
            if (holds("[Content_Types].xml") && holds_folder(rule.office_folder)) return {};
            return invalid(fmt::format("{}: the content is a zip archive without [Content_Types].xml and {}, not {}",
                                       name, rule.office_folder, rule.description));
        case Container::AndroidPackage:
            if (holds("AndroidManifest.xml")) return {};
            return invalid(fmt::format("{}: the content is a zip archive without AndroidManifest.xml, not {}", name,
                                       rule.description));
    }
    return {};
}

}  // namespace

const std::vector<std::string_view>& allowed_extensions() {
    static const std::vector<std::string_view> extensions = [] {
        std::vector<std::string_view> out;
        for (const auto& rule : content_rules()) out.push_back(rule.extension);
        return out;
    }();
    return extensions;
}

core::Result<std::string> sanitize_file_name(std::string_view original_name) {
    if (original_name.empty()) return invalid("the file has no name");
    if (const auto invalid_at = core::find_invalid_utf8(original_name)) {
        return invalid(fmt::format("the file name is not UTF-8 (invalid byte at offset {})", *invalid_at));
    }
    for (size_t i = 0; i < original_name.size();) {
        const auto [code_point, length] = decode_utf8(original_name, i);
        if (is_control(code_point)) {
            return invalid(fmt::format("the file name holds a control character (U+{:04X} at offset {})",
                                       static_cast<unsigned>(code_point), i));
        }
        if (is_direction_control(code_point)) {
            return invalid(
                fmt::format("the file name holds a Unicode direction control (U+{:04X} at offset {}), "
                            "which can disguise its extension",
                            static_cast<unsigned>(code_point), i));
        }
        i += length;
    }

    // Both separators count: a name from Windows uses '\', and on Linux a
    // '\' in a name is legal but means nothing good in an upload.
    std::string_view base = original_name;
    size_t start = 0;
    while (start <= original_name.size()) {
        const auto end = original_name.find_first_of("/\\", start);
        const auto part =
            original_name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        // Stripping the folders would defuse "../", but a name that tries to
        // climb out of its folder is an attack, not a mistake.
        if (core::trim(part) == "..") {
            return invalid(fmt::format("the file name '{}' climbs out of its folder ('..')", original_name));
        }
        if (end == std::string_view::npos) {
            base = part;
            break;
        }
        start = end + 1;
    }
    base = core::trim(base);
    if (base.empty() || base == ".") {
        return invalid(fmt::format("the file name '{}' has no name after its folder part", original_name));
    }

    std::string name(base);
    // Windows refuses these in file names; the name ends up in the
    // attachments zip that reviewers unpack there.
    std::replace_if(
        name.begin(), name.end(), [](char c) { return std::string_view("<>:\"|?*").find(c) != std::string_view::npos; },
        '_');
    if (name.size() > MAX_NAME_BYTES) {
        return invalid(
            fmt::format("the file name is {} bytes long; at most {} are accepted", name.size(), MAX_NAME_BYTES));
    }
    return name;
}

core::Result<CheckedFile> check_evidence_file(std::string_view original_name, std::string_view content,
                                              const EvidencePolicy& policy, ContentSniffer& sniffer) {
    CheckedFile checked;
    checked.display_name = RAMPART_TRY(sanitize_file_name(original_name));
    const auto& name = checked.display_name;

    const auto dot = name.rfind('.');
    // A leading dot starts a hidden file's name, not an extension.
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) {
        return invalid(fmt::format("{}: the name has no extension; evidence files are {}", name, extension_list()));
    }
    checked.extension = core::to_lower(std::string_view(name).substr(dot + 1));
    const auto* rule = rule_for(checked.extension);
    if (rule == nullptr) {
        return invalid(fmt::format("{}: .{} files are not accepted as evidence; evidence files are {}", name,
                                   checked.extension, extension_list()));
    }

    // The size is checked before the content so that an oversized upload
    // costs no sniffing.
    if (content.empty()) return invalid(fmt::format("{}: the file is empty", name));
    if (content.size() > policy.max_bytes) {
        return core::Error::make(core::ErrorCode::LimitExceeded,
                                 fmt::format("{}: the file is {}; evidence files may be at most {}", name,
                                             size_text(content.size()), size_text(policy.max_bytes)));
    }
    checked.size = content.size();

    checked.mime_type = RAMPART_TRY(sniffer.mime_type(content));
    if (rule->extension == "txt") {
        RAMPART_TRY(check_text(name, content, checked.mime_type));
        return checked;
    }
    if (std::find(rule->mime_types.begin(), rule->mime_types.end(), checked.mime_type) == rule->mime_types.end()) {
        return invalid(fmt::format("{}: the content is {}, not {}", name, checked.mime_type, rule->description));
    }
    if (rule->container != Container::None) RAMPART_TRY(check_container(name, content, *rule));
    return checked;
}

core::Result<CheckedFile> check_evidence_file(std::string_view original_name, std::string_view content,
                                              const EvidencePolicy& policy) {
    auto sniffer = RAMPART_TRY(ContentSniffer::create());
    return check_evidence_file(original_name, content, policy, sniffer);
}

}  // namespace rampart::evidence
