// The multipart/form-data parser on arbitrary bytes, fed in pieces whose
// size the input chooses, then the GraphQL multipart request assembly on
// the first two parts it yields (as `operations` and `map`).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/multipart.h"
#include "http/upload_request.h"

namespace {

class Collecting : public rampart::http::MultipartSink {
public:
    std::optional<std::string> on_part_begin(const rampart::http::PartHeaders& headers) override {
        parts.emplace_back();
        names.push_back(headers.name);
        return std::nullopt;
    }
    std::optional<std::string> on_part_data(std::string_view bytes) override {
        if (parts.back().size() + bytes.size() > 1 << 16) return std::string("too large");
        parts.back().append(bytes);
        return std::nullopt;
    }
    std::optional<std::string> on_part_end() override { return std::nullopt; }

    std::vector<std::string> parts;
    std::vector<std::string> names;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t piece = 1 + data[0] % 64;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    Collecting sink;
    rampart::http::MultipartParser parser("B", sink, {512, 64});
    bool failed = false;
    for (size_t at = 0; at < body.size() && !failed; at += piece) {
        failed = parser.feed(body.substr(at, piece)).has_value();
    }
    if (failed || parser.finish()) return 0;
    if (sink.parts.size() >= 2) {
        auto map = rampart::http::parse_upload_map(sink.parts[1]);
        if (auto* parsed = std::get_if<rampart::http::UploadMap>(&map)) {
            (void)rampart::http::assemble_upload_request(sink.parts[0], *parsed, {});
        }
    }
    return 0;
}
