#include "evidence/detail/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace rampart::evidence::detail {
namespace {

core::Error io_error(std::string_view what, const std::filesystem::path& path, int error_number) {
    return core::Error::make(core::ErrorCode::Io, fmt::format("{} {}: {}", what, path.string(),
                                                              std::generic_category().message(error_number)));
}

/// Closes a descriptor on every path out of a function.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }
    /// Closes now, answering errno of a failed close (0 when it succeeded):
    /// on some file systems a write error is only reported by close(2).
    int close() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result == 0 ? 0 : errno;
    }

private:
    int m_fd;
};

int write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const auto written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        content.remove_prefix(static_cast<size_t>(written));
    }
    return 0;
}

}  // namespace

core::Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    const auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    // The temporary name starts with a dot and cannot be mistaken for the
    // final file; mkstemp makes it unique so concurrent writers never share
    // one, and creates it readable by the owner only.
    auto temporary = (folder / ".tmp-XXXXXX").string();
    FileDescriptor file(::mkstemp(temporary.data()));
    if (file.get() < 0) return io_error("cannot create a temporary file in", folder, errno);

    const auto fail = [&](std::string_view what, int error_number) -> core::Result<void> {
        ::unlink(temporary.c_str());
        return io_error(what, path, error_number);
    };
    if (const int error = write_all(file.get(), content); error != 0) return fail("cannot write", error);
    // The bytes must be on disk before the rename makes them visible under
    // the final name, or a power cut could leave that name with no content.
    if (::fsync(file.get()) != 0) return fail("cannot flush", errno);
    if (const int error = file.close(); error != 0) return fail("cannot write", error);
    if (::rename(temporary.c_str(), path.c_str()) != 0) return fail("cannot rename a temporary file to", errno);

    // Flushing the folder makes the rename itself durable; a failure here
    // leaves a complete file in place, so it is not reported.
    FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() >= 0) ::fsync(directory.get());
    return {};
}

core::Result<std::string> read_whole_file(const std::filesystem::path& path) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        if (errno == ENOENT) {
            return core::Error::make(core::ErrorCode::NotFound, fmt::format("{} does not exist", path.string()));
        }
        return io_error("cannot open", path, errno);
    }
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) return io_error("cannot read", path, errno);
    std::string content;
    content.reserve(static_cast<size_t>(status.st_size));
    char buffer[65536];
    while (true) {
        const auto count = ::read(file.get(), buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot read", path, errno);
        }
        if (count == 0) break;
        content.append(buffer, static_cast<size_t>(count));
    }
    return content;
}

}  // namespace rampart::evidence::detail
