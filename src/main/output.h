#pragma once

#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>

#include "core/error.h"

namespace rampart::cli {

/// Writes a JSON value indented by two spaces, one member a line, so that
/// `--json` output is readable and diffs well.
void write_pretty_json(std::ostream& out, const boost::json::value& value, int indent = 0);

/// Prints an error (with every diagnostic) to standard error, or as a JSON
/// object `{ "error": { code, message, diagnostics } }` on standard output
/// when the command was asked for JSON, and answers the exit code.
int report_error(const core::Error& error, bool json);

}  // namespace rampart::cli
