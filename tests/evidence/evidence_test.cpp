#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "evidence/attachments_zip.h"
#include "evidence/blob_store.h"
#include "evidence/content_sniffer.h"
#include "evidence/evidence_file.h"
#include "test_support.h"

namespace rampart::evidence {
namespace {

// The smallest valid PNG: one transparent pixel (67 bytes).
constexpr std::array<unsigned char, 67> PNG_BYTES = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

std::string png() { return std::string(reinterpret_cast<const char*>(PNG_BYTES.data()), PNG_BYTES.size()); }

std::string pdf() {
    return "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> "
           "endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
}

// A JFIF header and the end-of-image marker.
std::string jpeg() {
    return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9", 22);
}

// The RAR 4 signature and an empty archive header.
std::string rar() { return std::string("Rar!\x1A\x07\x00\xCF\x90\x73\x00\x00\x0D\x00\x00\x00\x00\x00\x00\x00", 20); }

/// A zip made with libzip (through write_attachments_zip) holding the given
/// files, answered as bytes.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    testing::TempDir folder;
    std::vector<ZipEntry> entries;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto source = folder.write("source-" + std::to_string(i), files[i].second);
        entries.push_back({files[i].first, "", source});
    }
    const auto zip_path = (folder / "made.zip").string();
    const auto written = write_attachments_zip(entries, zip_path);
    EXPECT_TRUE(written.ok()) << written.error().to_string();
    return testing::read_file(zip_path);
}

std::string docx() {
    return make_zip({{"[Content_Types].xml", "<Types/>"},
                     {"_rels/.rels", "<Relationships/>"},
                     {"word/document.xml", "<w:document/>"}});
}

class EvidenceFile : public ::testing::Test {
protected:
    void SetUp() override {
        auto sniffer = ContentSniffer::create();
        ASSERT_TRUE(sniffer.ok()) << sniffer.error().to_string();
        m_sniffer = std::make_unique<ContentSniffer>(std::move(sniffer).value());
    }

    core::Result<CheckedFile> check(std::string_view name, std::string_view content, EvidencePolicy policy = {}) {
        return check_evidence_file(name, content, policy, *m_sniffer);
    }

    /// The error's message when the check fails, else "".
    std::string refusal(std::string_view name, std::string_view content, EvidencePolicy policy = {}) {
        const auto checked = check(name, content, policy);
        return checked.ok() ? std::string() : checked.error().message;
    }

    std::unique_ptr<ContentSniffer> m_sniffer;
};

// ------------------------------------------------------------- content

TEST_F(EvidenceFile, AcceptsContentThatMatchesItsExtension) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"login-screen.png", png()},
        {"pentest-report.pdf", pdf()},
        {"notes.txt", "Rate limiting verified on /login: 5 attempts, then 429.\n"},
        {"unicode.txt", "Évidence vérifiée ✓\n"},
        {"output.txt", "{\"status\": \"ok\"}\n"},
        {"photo.jpg", jpeg()},
        {"photo.jpeg", jpeg()},
        {"logs.rar", rar()},
        {"bundle.zip", make_zip({{"a.txt", "hello"}})},
        {"design.docx", docx()},
        {"findings.xlsx", make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}})},
        {"review.pptx", make_zip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}})},
        {"app.apk", make_zip({{"AndroidManifest.xml", "manifest"}, {"classes.dex", "dex\n035"}})},
        {"app-signed.apk",
         make_zip({{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"}, {"AndroidManifest.xml", "manifest"}})},
    };
    for (const auto& [name, content] : files) {
        const auto checked = check(name, content);
        ASSERT_TRUE(checked.ok()) << name << ": " << checked.error().to_string();
        EXPECT_EQ(checked->display_name, name);
        EXPECT_EQ(checked->size, content.size());
        EXPECT_FALSE(checked->mime_type.empty());
    }
    EXPECT_EQ(check("login-screen.png", png())->mime_type, "image/png");
    EXPECT_EQ(check("login-screen.png", png())->extension, "png");
}

TEST_F(EvidenceFile, ExtensionsAreCaseInsensitive) {
    const auto checked = check("SCREEN.PNG", png());
    ASSERT_TRUE(checked.ok()) << checked.error().to_string();
    EXPECT_EQ(checked->extension, "png");
    EXPECT_EQ(checked->display_name, "SCREEN.PNG");
}

TEST_F(EvidenceFile, RefusesContentThatIsNotWhatItsExtensionSays) {
    const auto checked = check("evidence.png", pdf());
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_EQ(checked.error().message, "evidence.png: the content is application/pdf, not a PNG image");

    EXPECT_EQ(refusal("report.pdf", png()), "report.pdf: the content is image/png, not a PDF document");
    EXPECT_EQ(refusal("photo.jpg", png()), "photo.jpg: the content is image/png, not a JPEG image");
    EXPECT_EQ(refusal("notes.txt", pdf()), "notes.txt: the content is application/pdf, not UTF-8 text");
    EXPECT_EQ(refusal("bundle.zip", pdf()), "bundle.zip: the content is application/pdf, not a zip archive");
    EXPECT_EQ(refusal("logs.rar", make_zip({{"a.txt", "x"}})),
              "logs.rar: the content is application/zip, not a RAR archive");
    // An executable renamed to an accepted extension.
    EXPECT_NE(refusal("tool.png", std::string("\x7F"
                                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                              16))
                  .find("not a PNG image"),
              std::string::npos);
}

TEST_F(EvidenceFile, TextMustBeUtf8) {
    const std::string utf16("\xFF\xFEh\0i\0\n\0", 8);
    EXPECT_NE(refusal("notes.txt", utf16).find("not UTF-8 text"), std::string::npos) << refusal("notes.txt", utf16);
    EXPECT_NE(refusal("latin1.txt", "caf\xE9 cr\xE8me\n").find("not UTF-8"), std::string::npos);
}

TEST_F(EvidenceFile, OfficeFilesMustBeOfficePackagesOfTheirKind) {
    EXPECT_EQ(refusal("findings.xlsx", docx()),
              "findings.xlsx: the content is "
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document, not an Excel workbook (.xlsx)");
    EXPECT_EQ(refusal("design.docx", make_zip({{"a.txt", "plain zip"}})),
              "design.docx: the content is a zip archive without [Content_Types].xml and word/, not a Word document "
              "(.docx)");
    EXPECT_EQ(refusal("app.apk", make_zip({{"classes.dex", "dex"}})),
              "app.apk: the content is a zip archive without AndroidManifest.xml, not an Android package (.apk)");
    // A .docx renamed .zip is still a zip archive.
    EXPECT_TRUE(check("design.zip", docx()).ok());
}

TEST_F(EvidenceFile, RefusesAZipThatCannotBeRead) {
    auto zip = make_zip({{"a.txt", "hello, evidence"}});
    zip.resize(zip.size() - 10);  // cut into the central directory
    const auto message = refusal("bundle.zip", zip);
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.rfind("bundle.zip: the content ", 0), 0u) << message;
}

// ------------------------------------------------------------- size

TEST_F(EvidenceFile, RefusesFilesOverTheLimit) {
    const auto checked = check("notes.txt", std::string(2048, 'a'), EvidencePolicy{.max_bytes = 1024});
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, core::ErrorCode::LimitExceeded);
    EXPECT_EQ(checked.error().message, "notes.txt: the file is 2 KiB; evidence files may be at most 1 KiB");
    EXPECT_TRUE(check("notes.txt", std::string(1024, 'a'), EvidencePolicy{.max_bytes = 1024}).ok());
    EXPECT_EQ(EvidencePolicy{}.max_bytes, 25u * 1024 * 1024);
}

TEST_F(EvidenceFile, RefusesEmptyFiles) {
    const auto checked = check("notes.txt", "");
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_EQ(checked.error().message, "notes.txt: the file is empty");
}

// ------------------------------------------------------------- names

TEST_F(EvidenceFile, RefusesUnknownExtensions) {
    EXPECT_EQ(refusal("setup.exe", png()),
              "setup.exe: .exe files are not accepted as evidence; evidence files are .rar .pdf .zip .jpg .jpeg .png "
              ".txt .pptx .xlsx .docx .apk");
    EXPECT_NE(refusal("README", png()).find("the name has no extension"), std::string::npos);
    EXPECT_NE(refusal(".png", png()).find("the name has no extension"), std::string::npos);
    EXPECT_NE(refusal("report.", png()).find("the name has no extension"), std::string::npos);
    EXPECT_NE(refusal("page.html", "<html></html>").find(".html files are not accepted"), std::string::npos);
}

TEST_F(EvidenceFile, DropsTheFolderPartOfNames) {
    for (const auto* name : {"/home/ana/evidence.png", "C:\\Users\\ana\\Desktop\\evidence.png", "shots/evidence.png",
                             "./evidence.png", "  evidence.png  "}) {
        const auto checked = check(name, png());
        ASSERT_TRUE(checked.ok()) << name << ": " << checked.error().to_string();
        EXPECT_EQ(checked->display_name, "evidence.png") << name;
    }
}

TEST_F(EvidenceFile, RefusesNamesThatClimbOutOfTheirFolder) {
    for (const auto* name : {"../evidence.png", "shots/../../etc/evidence.png", "..\\..\\evidence.png", ".."}) {
        const auto checked = check(name, png());
        ASSERT_FALSE(checked.ok()) << name;
        EXPECT_EQ(checked.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_NE(checked.error().message.find("climbs out of its folder"), std::string::npos)
            << checked.error().message;
    }
    // Two dots inside a name are only dots.
    EXPECT_TRUE(check("report..final.png", png()).ok());
}

TEST_F(EvidenceFile, RefusesControlCharactersInNames) {
    using namespace std::string_literals;
    for (const auto& name :
         {"evi\ndence.png"s, "evidence\r.png"s, "\x01.png"s, "evi\0dence.png"s, "del\x7F.png"s, "c1\xC2\x85.png"s}) {
        const auto checked = check(name, png());
        ASSERT_FALSE(checked.ok()) << name;
        EXPECT_NE(checked.error().message.find("control character"), std::string::npos) << checked.error().message;
    }
    // U+202E RIGHT-TO-LEFT OVERRIDE shows "evidence\u202Egnp.exe" as "evidenceexe.png".
    const auto disguised = check("evidence\xE2\x80\xAEgnp.png", png());
    ASSERT_FALSE(disguised.ok());
    EXPECT_NE(disguised.error().message.find("direction control (U+202E"), std::string::npos);
    EXPECT_NE(refusal("caf\xE9.png", png()).find("not UTF-8"), std::string::npos);
}

TEST_F(EvidenceFile, RefusesEmptyNames) {
    for (const auto* name : {"", "shots/", "   ", "C:\\", "."}) {
        const auto checked = check(name, png());
        ASSERT_FALSE(checked.ok()) << name;
        EXPECT_EQ(checked.error().code, core::ErrorCode::InvalidArgument);
    }
    EXPECT_EQ(refusal("", png()), "the file has no name");
}

TEST_F(EvidenceFile, KeepsASafeDisplayName) {
    const auto checked = check("shot <1>: login?.png", png());
    ASSERT_TRUE(checked.ok()) << checked.error().to_string();
    EXPECT_EQ(checked->display_name, "shot _1__ login_.png");
    EXPECT_EQ(check("écran de connexion ✓.png", png())->display_name, "écran de connexion ✓.png");
    EXPECT_NE(refusal(std::string(300, 'a') + ".png", png()).find("at most 255"), std::string::npos);
}

TEST(EvidenceSniffer, TellsTypesByContentAndCanBeMoved) {
    auto created = ContentSniffer::create();
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    ContentSniffer sniffer = std::move(created).value();
    EXPECT_EQ(sniffer.mime_type(png()).value(), "image/png");
    EXPECT_EQ(sniffer.mime_type(pdf()).value(), "application/pdf");
    ContentSniffer moved = std::move(sniffer);
    EXPECT_EQ(moved.mime_type("plain words\n").value(), "text/plain");
    EXPECT_TRUE(check_evidence_file("a.png", png(), EvidencePolicy{}).ok());
}

// ------------------------------------------------------------- blob store

TEST(BlobStore, StoresContentUnderItsSha256) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder / "blobs" / "nested");
    ASSERT_TRUE(store.ok()) << store.error().to_string();
    EXPECT_TRUE(std::filesystem::is_directory(folder / "blobs" / "nested"));

    const auto id = store->put(png());
    ASSERT_TRUE(id.ok()) << id.error().to_string();
    EXPECT_EQ(*id, core::sha256_hex(png()));
    EXPECT_TRUE(store->exists(*id));
    const auto path = store->path_of(*id);
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(*path, folder / "blobs" / "nested" / id->substr(0, 2) / id->substr(2));
    EXPECT_EQ(testing::read_file(*path), png());

    const auto content = store->get(*id);
    ASSERT_TRUE(content.ok()) << content.error().to_string();
    EXPECT_EQ(*content, png());
}

TEST(BlobStore, PuttingTheSameContentTwiceStoresItOnce) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder.path());
    ASSERT_TRUE(store.ok());
    const auto first = store->put(pdf());
    const auto second = store->put(pdf());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(*first, *second);
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder.path())) {
        if (entry.is_regular_file()) ++files;
        // No temporary file is left behind.
        EXPECT_EQ(entry.path().filename().string().rfind(".tmp-", 0), std::string::npos) << entry.path();
    }
    EXPECT_EQ(files, 1u);
    EXPECT_NE(*store->put("other"), *first);
}

TEST(BlobStore, RefusesMalformedIdsAndReportsMissingBlobs) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder.path());
    ASSERT_TRUE(store.ok());
    const std::vector<std::string> malformed = {"../../etc/passwd", "", "abc", "zz" + std::string(62, '0'),
                                                "../" + std::string(61, '0'),
                                                // upper-case hex: one spelling per blob
                                                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"};
    for (const auto& id : malformed) {
        EXPECT_FALSE(store->exists(id)) << id;
        const auto path = store->path_of(id);
        ASSERT_FALSE(path.ok()) << id;
        EXPECT_EQ(path.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_EQ(store->get(id).error().code, core::ErrorCode::InvalidArgument);
    }
    const auto missing = store->get(core::sha256_hex("never stored"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
}

TEST(BlobStore, DetectsADamagedBlobAndRepairsItOnPut) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder.path());
    ASSERT_TRUE(store.ok());
    const auto id = store->put("the original evidence").value();
    std::ofstream(*store->path_of(id), std::ios::binary | std::ios::trunc) << "the damaged evidence!";
    const auto damaged = store->get(id);
    ASSERT_FALSE(damaged.ok());
    EXPECT_EQ(damaged.error().code, core::ErrorCode::InvalidData);
    EXPECT_NE(damaged.error().message.find("damaged"), std::string::npos);

    ASSERT_TRUE(store->put("the original evidence").ok());
    EXPECT_EQ(store->get(id).value(), "the original evidence");
}

TEST(BlobStore, OpeningAFileIsAnError) {
    testing::TempDir folder;
    const auto file = folder.write("not-a-folder", "x");
    const auto store = BlobStore::open(file);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, core::ErrorCode::Io);
}

// ------------------------------------------------------------- zip

TEST(ZipAttachments, HoldsEveryEntryWithItsBytes) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder / "blobs");
    ASSERT_TRUE(store.ok());
    const auto screenshot = store->put(png()).value();
    const auto report = store->put(pdf()).value();
    const auto notes = folder.write("notes.txt", "checked by hand\n");

    const std::vector<ZipEntry> entries = {
        {"V2.2.1/login-screen.png", screenshot, {}},
        {"V2.2.1/pentest.pdf", report, {}},
        {"V5.3.4\\notes.txt", "", notes},
        {"/V5.3.4/./screen.png", screenshot, {}},
    };
    const auto zip_path = (folder / "out" / "attachments.zip").string();
    const auto written = write_attachments_zip(entries, zip_path, &*store);
    ASSERT_TRUE(written.ok()) << written.error().to_string();

    const auto read = read_zip_entries(zip_path);
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    ASSERT_EQ(read->size(), 4u);
    EXPECT_EQ((*read)[0].name, "V2.2.1/login-screen.png");
    EXPECT_EQ((*read)[0].content, png());
    EXPECT_EQ((*read)[1].name, "V2.2.1/pentest.pdf");
    EXPECT_EQ((*read)[1].content, pdf());
    EXPECT_EQ((*read)[2].name, "V5.3.4/notes.txt");
    EXPECT_EQ((*read)[2].content, "checked by hand\n");
    EXPECT_EQ((*read)[3].name, "V5.3.4/screen.png");
    EXPECT_EQ((*read)[3].content, png());
}

TEST(ZipAttachments, MakesDuplicateNamesUnique) {
    testing::TempDir folder;
    const auto a = folder.write("a", "first");
    const auto b = folder.write("b", "second");
    const auto c = folder.write("c", "third");
    const auto d = folder.write("d", "fourth");
    const auto zip_path = (folder / "attachments.zip").string();
    const auto written = write_attachments_zip({{"V1/evidence.png", "", a},
                                                {"V1/evidence.png", "", b},
                                                {"V1/EVIDENCE.png", "", c},
                                                {"V1/README", "", d},
                                                {"V1/README", "", d}},
                                               zip_path);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
    const auto read = read_zip_entries(zip_path).value();
    ASSERT_EQ(read.size(), 5u);
    EXPECT_EQ(read[0].name, "V1/evidence.png");
    EXPECT_EQ(read[1].name, "V1/evidence (2).png");
    EXPECT_EQ(read[1].content, "second");
    EXPECT_EQ(read[2].name, "V1/EVIDENCE (3).png");
    EXPECT_EQ(read[2].content, "third");
    EXPECT_EQ(read[3].name, "V1/README");
    EXPECT_EQ(read[4].name, "V1/README (2)");
}

TEST(ZipAttachments, RefusesBadEntriesAndWritesNothing) {
    testing::TempDir folder;
    auto store = BlobStore::open(folder / "blobs");
    ASSERT_TRUE(store.ok());
    const auto file = folder.write("a.txt", "a");
    const auto zip_path = (folder / "attachments.zip").string();

    const auto climbing = write_attachments_zip({{"V1/../../etc/cron.d/x", "", file}}, zip_path);
    ASSERT_FALSE(climbing.ok());
    EXPECT_EQ(climbing.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_NE(climbing.error().message.find("climbs out"), std::string::npos);

    const auto missing_blob =
        write_attachments_zip({{"a.txt", "", file}, {"b.png", core::sha256_hex("gone"), {}}}, zip_path, &*store);
    ASSERT_FALSE(missing_blob.ok());
    EXPECT_EQ(missing_blob.error().code, core::ErrorCode::NotFound);

    const auto no_store = write_attachments_zip({{"b.png", core::sha256_hex("x"), {}}}, zip_path);
    ASSERT_FALSE(no_store.ok());
    EXPECT_EQ(no_store.error().code, core::ErrorCode::InvalidArgument);

    const auto missing_file = write_attachments_zip({{"a.txt", "", folder / "absent.txt"}}, zip_path);
    ASSERT_FALSE(missing_file.ok());
    EXPECT_EQ(missing_file.error().code, core::ErrorCode::NotFound);

    EXPECT_FALSE(std::filesystem::exists(zip_path));
}

TEST(ZipAttachments, NoEntriesGiveAnEmptyZipThatOpens) {
    testing::TempDir folder;
    const auto zip_path = (folder / "attachments.zip").string();
    ASSERT_TRUE(write_attachments_zip({}, zip_path).ok());
    const auto read = read_zip_entries(zip_path);
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_TRUE(read->empty());
}

TEST(ZipAttachments, ReplacesAnExistingZip) {
    testing::TempDir folder;
    const auto zip_path = (folder / "attachments.zip").string();
    ASSERT_TRUE(write_attachments_zip({{"old.txt", "", folder.write("old", "old")}}, zip_path).ok());
    ASSERT_TRUE(write_attachments_zip({{"new.txt", "", folder.write("new", "new")}}, zip_path).ok());
    const auto read = read_zip_entries(zip_path).value();
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].name, "new.txt");
}

TEST(ZipAttachments, ReadingStopsAtTheLimit) {
    testing::TempDir folder;
    const auto zip_path = (folder / "big.zip").string();
    ASSERT_TRUE(write_attachments_zip({{"big.txt", "", folder.write("big", std::string(4096, 'x'))}}, zip_path).ok());
    const auto read = read_zip_entries(zip_path, 1000);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, core::ErrorCode::LimitExceeded);
    EXPECT_EQ(read_zip_entries((folder / "absent.zip").string()).error().code, core::ErrorCode::NotFound);
}

}  // namespace
}  // namespace rampart::evidence
