#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::http {

/// What the headers of one part of a multipart/form-data body say (RFC 7578
/// §4.2, §4.4).
struct PartHeaders {
    std::string name;                      ///< Content-Disposition `name`
    std::optional<std::string> file_name;  ///< `filename` (or `filename*`) as sent, when the part is a file
    std::string content_type;              ///< empty when the part has no Content-Type
    bool form_data = false;                ///< the disposition type is `form-data`
};

/// Receives the parts of a multipart body as they are parsed. Each call may
/// refuse the body by answering a message, which stops the parser.
class MultipartSink {
public:
    virtual ~MultipartSink() = default;
    [[nodiscard]] virtual std::optional<std::string> on_part_begin(const PartHeaders& headers) = 0;
    /// The next bytes of the current part's content (a part may arrive in
    /// any number of pieces).
    [[nodiscard]] virtual std::optional<std::string> on_part_data(std::string_view bytes) = 0;
    [[nodiscard]] virtual std::optional<std::string> on_part_end() = 0;
};

/// Bounds that keep a hostile body from growing the parser's memory.
struct MultipartLimits {
    size_t max_header_bytes = size_t{16} * 1024;  ///< the header block of one part
    size_t max_parts = 1000;
};

/// An incremental parser of a multipart body (RFC 2046 §5.1.1, RFC 7578):
/// bytes are fed in pieces of any size as they come off the network, and
/// part contents are handed to the sink without being held, so a large
/// upload needs only a few kilobytes of memory. The preamble and the
/// epilogue are ignored.
class MultipartParser {
public:
    MultipartParser(std::string_view boundary, MultipartSink& sink, MultipartLimits limits = {});

    /// Parses the next bytes; a message when the body is malformed or the
    /// sink refused it. After a failure every call answers the same message.
    [[nodiscard]] std::optional<std::string> feed(std::string_view bytes);
    /// Called at the end of the body: a message unless the closing
    /// delimiter was seen.
    [[nodiscard]] std::optional<std::string> finish();
    /// Whether the closing delimiter has been seen.
    [[nodiscard]] bool done() const { return m_state == State::Epilogue; }

private:
    enum class State : uint8_t { Preamble, BoundaryLine, Headers, Body, Epilogue, Failed };

    std::optional<std::string> fail(std::string message);
    /// Runs the state machine once; sets `progressed` when it consumed input.
    std::optional<std::string> step(bool& progressed);
    std::optional<std::string> parse_headers(std::string_view block);

    MultipartSink& m_sink;
    MultipartLimits m_limits;
    std::string m_delimiter;  ///< CRLF "--" boundary (RFC 2046 §5.1.1: the CRLF belongs to the delimiter)
    std::string m_pending;    ///< bytes received and not yet consumed
    size_t m_pos = 0;         ///< where the unconsumed bytes of m_pending start
    size_t m_parts = 0;
    State m_state = State::Preamble;
    std::string m_error;
};

/// The boundary of a `multipart/form-data` Content-Type (RFC 2046 §5.1.1:
/// 1 to 70 characters); null when the type is another or the boundary is
/// missing or malformed.
[[nodiscard]] std::optional<std::string> multipart_boundary(std::string_view content_type);

}  // namespace rampart::http
