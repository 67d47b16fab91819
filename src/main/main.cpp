// The `rampart` binary: the composition root. It parses the command line,
// builds the concrete objects (the SQLite backend, the services) and hands
// them to the command handlers.
#include <fmt/format.h>
#include <sodium.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "app/admin_service.h"
#include "app/catalog_service.h"
#include "core/config.h"
#include "core/log.h"
#include "main/admin_commands.h"
#include "main/catalog_commands.h"
#include "main/client_commands.h"
#include "main/output.h"
#include "main/serve_command.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"

namespace {

using namespace rampart;

struct GlobalFlags {
    std::optional<std::string> database;
    std::optional<std::string> catalog_dir;
    std::optional<std::string> log_level;
    bool json = false;
};

core::Config resolve_config(const GlobalFlags& flags) {
    return core::Config{core::resolve_setting(flags.database, "RAMPART_DB", core::DEFAULT_DATABASE),
                        core::resolve_setting(flags.catalog_dir, "RAMPART_CATALOG_DIR", ""),
                        core::resolve_setting(flags.log_level, "RAMPART_LOG_LEVEL", core::DEFAULT_LOG_LEVEL)};
}

/// Resolves the settings, starts logging and opens the database, then runs
/// `command(database, config)`; any failure on the way is reported.
template <typename Command>
int with_database(const GlobalFlags& flags, Command&& command) {
    const auto config = resolve_config(flags);
    if (auto logging = core::init_logging(config.log_level.value); !logging.ok()) {
        return cli::report_error(logging.error(), flags.json);
    }
    auto db = storage::sqlite::Database::open(config.database.value);
    if (!db.ok()) return cli::report_error(db.error(), flags.json);
    return command(**db, config);
}

/// Runs one catalog command on the database.
template <typename Command>
int with_catalogs(const GlobalFlags& flags, Command&& command) {
    return with_database(flags, [&](storage::sqlite::Database& database, const core::Config& config) {
        storage::sqlite::SqliteCatalogStore store(database);
        app::CatalogService service(store);
        return command(service, config);
    });
}

/// Runs one administration command on the database.
template <typename Command>
int with_admin(const GlobalFlags& flags, Command&& command) {
    return with_database(flags, [&](storage::sqlite::Database& database, const core::Config&) {
        storage::sqlite::SqliteTenancyStore tenancy(database);
        app::AdminService service(
            tenancy, [&](const std::function<core::Result<void>()>& work) { return database.transaction(work); });
        return command(service);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        std::cerr << "rampart: error: libsodium could not be initialised\n";
        return 1;
    }
    CLI::App app{
        "Rampart: secure-by-design platform. Threat models become OWASP ASVS requirements (CAPEC → CWE → "
        "ASVS), tracked and verified against scanner findings."};
    app.set_version_flag("--version", "rampart 0.1.0");
    app.require_subcommand(1);
    GlobalFlags flags;
    app.add_option("--db", flags.database, "SQLite database file (env RAMPART_DB, default ./var/rampart.db)");
    app.add_option("--catalog-dir", flags.catalog_dir,
                   "Folder with the official catalog files (env RAMPART_CATALOG_DIR)");
    app.add_option("--log-level", flags.log_level,
                   "trace, debug, info, warn, error, critical or off (env RAMPART_LOG_LEVEL, default warn)");

    auto* catalog = app.add_subcommand("catalog", "Import, list, show and search the ASVS, CAPEC and CWE catalogs");
    catalog->require_subcommand(1);

    cli::CatalogImportArgs import_args;
    auto* import = catalog->add_subcommand(
        "import", "Import catalog files or folders (format detected from the content); all or nothing");
    import->add_option("paths", import_args.paths,
                       "Files or folders; without any, the catalog folder (--catalog-dir) is imported");
    import->add_flag("--replace", import_args.replace, "Overwrite entries that differ from a version already held");
    import->add_option("--catalog-version", import_args.version,
                       "The version the files hold, for files that state none (e.g. 4.14)");
    import->add_option("--format", import_args.format,
                       "Skip detection: asvs-csv, asvs-json, asvs-cwe-mapping, asvs-id-mapping, capec-stix, "
                       "capec-xml, cwe-csv, cwe-xml");
    import->add_flag("--json", flags.json, "Print the outcome as JSON");
    import->callback([&] {
        throw CLI::RuntimeError(with_catalogs(flags, [&](app::CatalogService& service, const core::Config& config) {
            auto args = import_args;
    if (args.paths.empty()) {
        if (config.catalog_dir.value.empty()) {
            return cli::report_error(core::Error::make(core::ErrorCode::InvalidArgument,
                                                       "no path given and no catalog folder set (--catalog-dir or "
                                                       "RAMPART_CATALOG_DIR)"),
                                     flags.json);
        }
        args.paths.push_back(config.catalog_dir.value);
    }
    return cli::catalog_import(service, args, flags.json);
}));
});

auto* list = catalog->add_subcommand("list", "Every catalog version held, with counts");
list->add_flag("--json", flags.json, "Print as JSON");
list->callback([&] {
    throw CLI::RuntimeError(with_catalogs(flags, [&](app::CatalogService& service, const core::Config&) {
        return cli::catalog_list(service, flags.json);
    }));
});

cli::CatalogShowArgs show_args;
auto* show = catalog->add_subcommand(
    "show", "One entry and its links: CAPEC-66 → CWEs → ASVS requirements, CWE-89, V5.3.4 → CWEs → CAPEC");
show->add_option("id", show_args.id, "CAPEC-<n>, CWE-<n> or an ASVS id such as V5.3.4")->required();
show->add_option("--asvs", show_args.selection.asvs, "ASVS version to link to (default 4.0.3)");
show->add_option("--capec", show_args.selection.capec, "CAPEC version (default: the newest held)");
show->add_option("--cwe", show_args.selection.cwe, "CWE version (default: the newest held)");
show->add_flag("--json", flags.json, "Print as JSON");
show->callback([&] {
    throw CLI::RuntimeError(with_catalogs(flags, [&](app::CatalogService& service, const core::Config&) {
        return cli::catalog_show(service, show_args, flags.json);
    }));
});

cli::CatalogSearchArgs search_args;
auto* search = catalog->add_subcommand("search", "Full-text search over all catalogs, best matches first");
search->add_option("text", search_args.text, "Words to find; the last one also matches as a prefix")->required();
search->add_option("--kind", search_args.kind, "Only this catalog: asvs, capec or cwe");
search->add_option("--asvs", search_args.selection.asvs, "ASVS version to search (default 4.0.3)");
search->add_option("--limit", search_args.limit, "Matches per page (1-500, default 20)");
search->add_option("--page", search_args.page, "Page number, from 1");
search->add_flag("--json", flags.json, "Print as JSON (with pagination metadata)");
search->callback([&] {
    throw CLI::RuntimeError(with_catalogs(flags, [&](app::CatalogService& service, const core::Config&) {
        return cli::catalog_search(service, search_args, flags.json);
    }));
});

auto* admin = app.add_subcommand("admin", "Local administration: companies, users and API keys");
admin->require_subcommand(1);
cli::CreateKeyArgs key_args;
auto* create_key = admin->add_subcommand(
    "create-key", "Create an API key (and the company and user when missing); the key is the last output line");
create_key->add_option("--company", key_args.company, "Company name")->required();
create_key->add_option("--email", key_args.email, "The key's user")->required();
create_key->add_option("--role", key_args.role, "admin, security_analyst, developer or viewer (default admin)");
create_key->add_option("--name", key_args.name, "A label for the key");
create_key->add_flag("--json", flags.json, "Print as JSON");
create_key->callback([&] {
    throw CLI::RuntimeError(with_admin(
        flags, [&](app::AdminService& service) { return cli::admin_create_key(service, key_args, flags.json); }));
});
std::string key_company;
auto* list_keys = admin->add_subcommand("list-keys", "A company's API keys: prefix, user, role, creation, last use");
list_keys->add_option("--company", key_company, "Company name")->required();
list_keys->add_flag("--json", flags.json, "Print as JSON");
list_keys->callback([&] {
    throw CLI::RuntimeError(with_admin(
        flags, [&](app::AdminService& service) { return cli::admin_list_keys(service, key_company, flags.json); }));
});
std::string key_prefix;
auto* revoke_key = admin->add_subcommand("revoke-key", "Revoke an API key by its prefix (rk_...)");
revoke_key->add_option("--company", key_company, "Company name")->required();
revoke_key->add_option("prefix", key_prefix, "The key's prefix as listed, e.g. rk_ab12cd34")->required();
revoke_key->add_flag("--json", flags.json, "Print as JSON");
revoke_key->callback([&] {
    throw CLI::RuntimeError(with_admin(flags, [&](app::AdminService& service) {
        return cli::admin_revoke_key(service, key_company, key_prefix, flags.json);
    }));
});

auto* serve = app.add_subcommand(
    "serve",
    "Run the HTTP server: the GraphQL API at /graphql, /healthz, the web page and the API explorer. On an empty "
    "database it first creates a company, an admin and an API key, and prints the key once.");
std::optional<std::string> serve_listen;
std::optional<std::string> serve_rate_limit;
std::optional<std::string> serve_static_dir;
std::optional<std::string> serve_explorer_dir;
std::optional<std::string> serve_blob_dir;
cli::ServeOptions serve_options;
bool serve_no_introspection = false;
serve->add_option("--listen", serve_listen, "HOST:PORT to listen on (env RAMPART_LISTEN, default 127.0.0.1:8080)");
serve->add_option("--threads", serve_options.threads, "Server threads (default: one per core)");
serve->add_option("--rate-limit", serve_rate_limit,
                  "Requests a minute per API key, 0 = no limit (env RAMPART_RATE_LIMIT, default 1200)");
serve->add_option("--static-dir", serve_static_dir, "Folder of the web page (env RAMPART_STATIC_DIR)");
serve->add_option("--explorer-dir", serve_explorer_dir, "Folder of the API explorer (env RAMPART_EXPLORER_DIR)");
serve->add_option("--blob-dir", serve_blob_dir,
                  "Folder for evidence files (env RAMPART_BLOB_DIR, default: blobs/ beside the database)");
serve->add_flag("--no-introspection", serve_no_introspection,
                "Refuse __schema and __type queries (env RAMPART_INTROSPECTION=off)");
serve->add_option("--max-depth", serve_options.max_depth, "Deepest query accepted (default 15)");
serve->add_option("--max-complexity", serve_options.max_complexity, "Most fields a query may select (default 5000)");
serve->callback([&] {
    serve_options.listen = core::resolve_setting(serve_listen, "RAMPART_LISTEN", "127.0.0.1:8080").value;
    serve_options.static_dir = core::resolve_setting(serve_static_dir, "RAMPART_STATIC_DIR", "").value;
    serve_options.explorer_dir = core::resolve_setting(serve_explorer_dir, "RAMPART_EXPLORER_DIR", "").value;
    serve_options.blob_dir = core::resolve_setting(serve_blob_dir, "RAMPART_BLOB_DIR", "").value;
    const auto rate = core::resolve_setting(serve_rate_limit, "RAMPART_RATE_LIMIT", "1200").value;
    try {
        serve_options.rate_limit_per_minute = std::stoul(rate);
    } catch (const std::exception&) {
        throw CLI::RuntimeError(cli::report_error(
            core::Error::make(core::ErrorCode::InvalidArgument,
                              fmt::format("the rate limit \"{}\" is not a number of requests a minute", rate)),
            false));
    }
    serve_options.introspection =
        !serve_no_introspection && core::resolve_setting(std::nullopt, "RAMPART_INTROSPECTION", "on").value != "off";
    const auto config = resolve_config(flags);
    if (auto logging = core::init_logging(config.log_level.value); !logging.ok()) {
        throw CLI::RuntimeError(cli::report_error(logging.error(), false));
    }
    throw CLI::RuntimeError(cli::serve(config, serve_options));
});

auto* schema = app.add_subcommand("schema", "The GraphQL schema");
schema->require_subcommand(1);
schema->add_subcommand("print", "Print the GraphQL schema (SDL) to standard output")->callback([&] {
    throw CLI::RuntimeError(cli::print_schema());
});

// `rampart project …` and `rampart requirement …` talk to a running server.
cli::ClientCommands client_commands(app);

try {
    app.parse(argc, argv);
} catch (const CLI::RuntimeError& done) {
    // Commands report their exit code through CLI11's RuntimeError so
    // that they run after every option of the line has been parsed.
    return done.get_exit_code();
} catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    // CLI11 answers 0 for --help and --version; usage errors exit 2, as
    // the error table says for InvalidArgument.
    return code == 0 ? 0 : rampart::core::info(rampart::core::ErrorCode::InvalidArgument).exit_code;
}
return 0;
}
