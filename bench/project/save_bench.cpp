// Saves a threat model of 100 items × 20 attack patterns as a project
// (generation, checks, every row and the audit event) into SQLite, and prints
// the time beside a baseline measured in the same run: the same save with
// each statement committed on its own (SQLite's autocommit), which is what
// one transaction per use case saves us from.
//
//   rampart_bench_save [--runs N]
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "app/admin_service.h"
#include "app/catalog_service.h"
#include "app/project_service.h"
#include "engine/suggestions.h"
#include "evidence/blob_store.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_project_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"

namespace fs = std::filesystem;
using namespace rampart;

namespace {

constexpr int ITEMS = 100;
constexpr size_t PATTERNS_PER_ITEM = 20;

template <typename T>
T must(core::Result<T> result) {
    if (!result.ok()) throw std::runtime_error(result.error().to_string());
    return std::move(result).value();
}

model::ThreatModel bench_model(const engine::CatalogGraph& graph) {
    std::vector<int> active;
    for (const auto& pattern : graph.capec().patterns) {
        if (!pattern.cwes.empty() && !model::is_retired_status(pattern.status)) active.push_back(pattern.id);
    }
    model::ThreatModel model;
    model.name = "bench";
    model.asvs_version = graph.asvs().version;
    model.asvs_level = 2;
    const auto& kinds = model::all_item_kinds();
    for (int i = 0; i < ITEMS; ++i) {
        model::ThreatModelItem item;
        item.key = fmt::format("item-{}", i);
        item.name = fmt::format("Item {}", i);
        item.kind = kinds[static_cast<size_t>(i) % kinds.size()];
        // A deterministic spread over the active patterns (37 is prime to
        // their count, so the 20 picks of an item are distinct).
        for (size_t j = 0; j < PATTERNS_PER_ITEM; ++j) {
            item.attack_patterns.push_back(active[(static_cast<size_t>(i) * 7 + j * 37) % active.size()]);
        }
        model.items.push_back(std::move(item));
    }
    return model;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    spdlog::set_level(spdlog::level::warn);
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
    }
    const auto work = fs::temp_directory_path() / fmt::format("rampart-bench-save-{}", getpid());
    fs::create_directories(work);
    try {
        auto db = must(storage::sqlite::Database::open((work / "bench.db").string()));
        storage::sqlite::SqliteCatalogStore catalog_store(*db);
        storage::sqlite::SqliteTenancyStore tenancy(*db);
        storage::sqlite::SqliteProjectStore projects(*db);
        app::CatalogService catalogs(catalog_store);
        must(catalogs.import_paths({(fs::path(RAMPART_SHARED_DIR) / "catalogs").string()}, {}));
        const app::TransactionRunner in_one_transaction = [&](const std::function<core::Result<void>()>& work_fn) {
            return db->transaction(work_fn);
        };
        const app::TransactionRunner autocommit = [](const std::function<core::Result<void>()>& work_fn) {
            return work_fn();
        };
        app::AdminService admin(tenancy, in_one_transaction);
        const auto key = must(admin.create_key("Bench", "bench@example.com", model::Role::Admin, "bench"));
        const auto actor = must(admin.authenticate(key.plain_key));
        auto blobs = must(evidence::BlobStore::open(work / "blobs"));
        const auto suggestions = must(engine::SuggestionTable::builtin());
        const auto graph = must(catalogs.load_graph({}));
        const auto model = bench_model(graph);

        const auto time_saves = [&](const app::TransactionRunner& runner, int& requirements) {
            app::ProjectService service(projects, tenancy, catalogs, runner, blobs, {}, suggestions);
            std::vector<double> times;
            for (int run = 0; run < runs; ++run) {
                const auto start = std::chrono::steady_clock::now();
                const auto id = must(service.save(actor, model));
                times.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
                requirements = must(service.progress(actor, id)).total();
            }
            return median(times);
        };
        int requirements = 0;
        const double saved = time_saves(in_one_transaction, requirements);
        int baseline_requirements = 0;
        const double baseline = time_saves(autocommit, baseline_requirements);
        if (requirements != baseline_requirements) throw std::runtime_error("the two saves stored different projects");

        fmt::print(
            "save a threat model of {} items x {} attack patterns (ASVS {} level 2) as a project, median of {} runs\n",
            ITEMS, PATTERNS_PER_ITEM, graph.asvs().version, runs);
        fmt::print("{:<44} {:>12} {:>10}\n", "", "requirements", "ms");
        fmt::print("{:<44} {:>12} {:>10.1f}\n", "rampart (one transaction per use case)", requirements, saved);
        fmt::print("{:<44} {:>12} {:>10.1f}\n", "baseline (every statement its own commit)", baseline_requirements,
                   baseline);
        fmt::print("speed-up: {:.1f}x; goal: save under 100 ms -> {}\n", baseline / saved,
                   saved < 100.0 ? "met" : "NOT met");
    } catch (const std::exception& error) {
        fmt::print(stderr, "benchmark failed: {}\n", error.what());
        fs::remove_all(work);
        return 1;
    }
    fs::remove_all(work);
    return 0;
}
