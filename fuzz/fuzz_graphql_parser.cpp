// The GraphQL lexer and parser on arbitrary bytes. Whatever parses must
// print, and the print must parse back to the same print.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>

#include "graphql/parser.h"

namespace {

/// `enum E` followed by `{ a }` prints as the enum with values `a`, as in
/// graphql-js: a query printed in the shorthand form right after a type
/// system definition does not survive the round trip.
bool prints_ambiguously(const rampart::graphql::ast::Document& document) {
    using namespace rampart::graphql::ast;
    for (size_t i = 1; i < document.definitions.size(); ++i) {
        const auto* operation = std::get_if<OperationDefinition>(&document.definitions[i]);
        const bool shorthand = operation != nullptr && operation->operation == OperationType::Query &&
                               !operation->name && operation->variables.empty() && operation->directives.empty();
        const auto& previous = document.definitions[i - 1];
        const bool type_system =
            std::holds_alternative<SchemaDefinition>(previous) || std::holds_alternative<TypeDefinition>(previous);
        if (shorthand && type_system) return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = rampart::graphql::parse(text);
    if (!parsed.document) {
        // A failure is a syntax error with one location.
        if (!parsed.error || parsed.error->locations.size() != 1) __builtin_trap();
        return 0;
    }
    const std::string printed = rampart::graphql::print(*parsed.document);
    if (prints_ambiguously(*parsed.document)) return 0;
    // Indentation can make the print larger than the input.
    rampart::graphql::ParseLimits limits;
    limits.max_document_bytes = std::numeric_limits<size_t>::max();
    const auto reparsed = rampart::graphql::parse(printed, limits);
    if (!reparsed.document || rampart::graphql::print(*reparsed.document) != printed) __builtin_trap();
    return 0;
}
