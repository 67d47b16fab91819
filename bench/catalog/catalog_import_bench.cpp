// Imports every file of the official catalogs into a fresh SQLite database
// and prints the time per catalog and in total, the peak memory, and the
// same import done by a plain Python script (csv/json/sqlite3) measured in
// the same run as the baseline.
//
//   rampart_bench_catalog [--runs N] [--catalogs DIR]
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/catalog_service.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"

namespace fs = std::filesystem;
using namespace rampart;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// One import of `paths` into a new database; answers milliseconds.
double import_once(const std::vector<std::string>& paths, const fs::path& db_path) {
    fs::remove(db_path);
    fs::remove(db_path.string() + "-wal");
    fs::remove(db_path.string() + "-shm");
    auto db = storage::sqlite::Database::open(db_path.string());
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    storage::sqlite::SqliteCatalogStore store(**db);
    app::CatalogService service(store);
    const auto start = std::chrono::steady_clock::now();
    const auto report = service.import_paths(paths, {});
    const auto stop = std::chrono::steady_clock::now();
    if (!report.ok()) throw std::runtime_error(report.error().to_string());
    return std::chrono::duration<double, std::milli>(stop - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    spdlog::set_level(spdlog::level::warn);
    int runs = 5;
    fs::path catalogs = fs::path(RAMPART_SHARED_DIR) / "catalogs";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
        if (flag == "--catalogs") catalogs = argv[i + 1];
    }
    const auto work = fs::temp_directory_path() / fmt::format("rampart-bench-{}", getpid());
    fs::create_directories(work);
    const auto db_path = work / "bench.db";

    std::map<std::string, std::vector<std::string>> groups = {
        {"asvs", {(catalogs / "asvs").string()}},
        {"capec", {(catalogs / "capec").string()}},
        {"cwe", {(catalogs / "cwe").string()}},
    };
    try {
        fmt::print("catalog import: every file of {} into a fresh SQLite database (median of {} runs)\n",
                   catalogs.string(), runs);
        fmt::print("{:<8} {:>12}\n", "catalog", "rampart ms");
        for (const auto& [name, paths] : groups) {
            std::vector<double> times;
            for (int run = 0; run < runs; ++run) times.push_back(import_once(paths, db_path));
            fmt::print("{:<8} {:>12.1f}\n", name, median(times));
        }
        std::vector<double> totals;
        for (int run = 0; run < runs; ++run) totals.push_back(import_once({catalogs.string()}, db_path));
        const double total = median(totals);
        const long rss = peak_rss_kib();

        // The baseline: the same files parsed with Python's csv/json modules
        // and inserted with sqlite3, timed by the script itself.
        std::vector<double> baseline_times;
        long baseline_rss = 0;
        for (int run = 0; run < runs; ++run) {
            const auto command = fmt::format("python3 '{}' '{}' '{}'", RAMPART_BASELINE_SCRIPT, catalogs.string(),
                                             (work / "baseline.db").string());
            FILE* pipe = popen(command.c_str(), "r");
            if (!pipe) throw std::runtime_error("cannot run the Python baseline");
            double ms = 0;
            long kib = 0;
            if (fscanf(pipe, "%lf %ld", &ms, &kib) != 2) ms = -1;
            if (pclose(pipe) != 0 || ms < 0) throw std::runtime_error("the Python baseline failed");
            baseline_times.push_back(ms);
            baseline_rss = std::max(baseline_rss, kib);
        }
        const double baseline = median(baseline_times);
        fmt::print("{:<8} {:>12.1f}\n", "all", total);
        fmt::print("\n{:<34} {:>10} {:>14}\n", "", "total ms", "peak RSS MiB");
        fmt::print("{:<34} {:>10.1f} {:>14.1f}\n", "rampart (C++)", total, static_cast<double>(rss) / 1024.0);
        fmt::print("{:<34} {:>10.1f} {:>14.1f}\n", "baseline (python3 csv/json/sqlite3)", baseline,
                   static_cast<double>(baseline_rss) / 1024.0);
        fmt::print("speed-up: {:.1f}x; goal: all catalogs under 1000 ms -> {}\n", baseline / total,
                   total < 1000.0 ? "met" : "NOT met");
    } catch (const std::exception& error) {
        fmt::print(stderr, "benchmark failed: {}\n", error.what());
        fs::remove_all(work);
        return 1;
    }
    fs::remove_all(work);
    return 0;
}
