// The threat-model file reader (YAML and JSON) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modelfile/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = rampart::modelfile::read_model_file(text, "fuzz.yaml");
    if (parsed.ok()) {
        // What was read must write back without failing.
        (void)rampart::modelfile::write_model_file(parsed->model, rampart::modelfile::Format::Yaml);
    }
    return 0;
}
