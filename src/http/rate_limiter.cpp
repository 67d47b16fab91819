#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace rampart::http {

namespace {

/// Past this many keys, buckets that have filled up again are dropped
/// (a full bucket and a missing one mean the same).
constexpr size_t PRUNE_ABOVE = 10000;

}  // namespace

RateLimiter::RateLimiter(size_t per_minute)
    : m_capacity(static_cast<double>(per_minute)), m_per_second(static_cast<double>(per_minute) / 60.0) {}

void RateLimiter::refill(Bucket& bucket, Clock::time_point now) const {
    const std::chrono::duration<double> elapsed = now - bucket.updated;
    if (elapsed.count() > 0) {
        bucket.tokens = std::min(m_capacity, bucket.tokens + elapsed.count() * m_per_second);
        bucket.updated = now;
    }
}

std::optional<std::chrono::seconds> RateLimiter::acquire(std::string_view key, Clock::time_point now) {
    if (m_capacity <= 0) return std::nullopt;
    const std::lock_guard lock(m_mutex);
    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= PRUNE_ABOVE) {
            for (auto it = m_buckets.begin(); it != m_buckets.end();) {
                refill(it->second, now);
                it = it->second.tokens >= m_capacity ? m_buckets.erase(it) : std::next(it);
            }
        }
        found = m_buckets.emplace(std::string(key), Bucket{m_capacity, now}).first;
    }
    auto& bucket = found->second;
    refill(bucket, now);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - bucket.tokens) / m_per_second;
    return std::chrono::seconds(std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait))));
}

}  // namespace rampart::http
