#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rampart::http {

/// A token bucket per key, shared by all server threads: each key may
/// spend `per_minute` requests at once and earns them back evenly over a
/// minute. Keys are identities that passed authentication, so the table
/// stays as small as the set of active API keys.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// `per_minute` 0 turns limiting off.
    explicit RateLimiter(size_t per_minute);

    /// Takes one token for `key`: null when the request may go on, or how
    /// long to wait (whole seconds, at least 1) for the next token.
    [[nodiscard]] std::optional<std::chrono::seconds> acquire(std::string_view key,
                                                              Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };

    void refill(Bucket& bucket, Clock::time_point now) const;

    double m_capacity;
    double m_per_second;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket, Hash, std::equal_to<>> m_buckets;
};

}  // namespace rampart::http
