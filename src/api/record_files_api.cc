#include "api/record_files_api.h"

#include "api/errors.h"
#include "http/message.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using records::FieldKind;
using records::RecordType;

bool HasFileField(const RecordType& type) {
  for (const auto& f : type.fields) {
    if (f.kind == FieldKind::kFile) return true;
  }
  return false;
}

json FileJson(const records::FileInfo& info) {
  return {{"id", info.id},     {"name", info.name},     {"content_type", info.content_type},
          {"size", info.size}, {"sha256", info.sha256}, {"uploaded_at", info.uploaded_at}};
}

}  // namespace

std::string AttachmentDisposition(const std::string& utf8_name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : utf8_name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : (c < 0x80 && c != '"' && c != '\\' && c >= 0x20 ? static_cast<char>(c) : '_');
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void AddRecordFileRoutes(http::Router& router, Guard& guard, store::Database& db,
                         records::RecordStore& store, records::FileStore& files,
                         const std::vector<const RecordType*>& types) {
  for (const RecordType* type_ptr : types) {
    const RecordType& type = *type_ptr;
    if (!HasFileField(type)) continue;
    const std::string base_path = "/api/" + type.path;
    const std::string resource(access::ResourceId(type.resource));
    guard.Add(router, "POST", base_path + "/files", resource + ":create",
              [&files, &type](Call& call) {
                const std::string name = http::PercentDecode(call.request.Header("x-file-name").value_or(""), false);
                auto info = files.Put(call.actor, type, name, call.request.body);
                if (!info.ok()) return ErrorResponse(info.status());
                return JsonResponse(201, FileJson(*info));
              },
              "Upload a file (PDF or image, checked by its content) for a " + type.label_en + " record",
              type.path);
    // A little over the limit, so that a slightly larger file gets the field error.
    router.SetMaxBody("POST", base_path + "/files", static_cast<std::size_t>(files.max_bytes()) + 4096);
    guard.Add(router, "GET", base_path + "/{id}/files/{field}", resource + ":read",
              [&store, &files, &db, &type](Call& call) {
                const std::string& id = call.request.path_params.at("id");
                auto record = store.Get(call.subject(), type, id);
                if (!record.ok()) return ErrorResponse(record.status());
                const records::FieldSpec* field = type.Field(call.request.path_params.at("field"));
                auto value = field && field->kind == FieldKind::kFile ? record->values.find(field->name)
                                                                       : record->values.end();
                const std::string* file_id =
                    value == record->values.end() ? nullptr : std::get_if<std::string>(&value->second);
                if (!file_id || file_id->empty()) {
                  return ErrorResponse(base::NotFound("the record has no file in that field")
                                           .WithVi("Bản ghi không có tệp ở trường này"));
                }
                auto file = files.Get(*file_id);
                if (!file.ok()) return ErrorResponse(file.status());
                (void)db.AuditOnly(call.actor, "download", type.id, id, "ok");
                http::Response r;
                r.content_type = file->info.content_type;
                r.body = std::move(file->bytes);
                r.WithHeader("Content-Disposition", AttachmentDisposition(file->info.name));
                return r;
              },
              "Download the file a " + type.label_en + " record names, as an attachment", type.path);
  }
}

void DescribeRecordFileRoutes(const std::vector<const RecordType*>& types, std::map<std::string, json>& ops) {
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  for (const RecordType* t : types) {
    if (!HasFileField(*t)) continue;
    const std::string base = "/api/" + t->path;
    ops["POST " + base + "/files"] = {
        {"parameters", {{{"name", "X-File-Name"}, {"in", "header"}, {"required", false},
                         {"description", "the file's name, percent-encoded UTF-8"}, {"schema", {{"type", "string"}}}}}},
        {"requestBody", {{"required", true}, {"content", {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
        {"responses", {{"201", {{"description", "the stored file: put its id in the record's file field"},
                                {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                       {"403", error}, {"413", error}, {"422", error}}}};
    ops["GET " + base + "/{id}/files/{field}"] = {
        {"responses", {{"200", {{"description", "the file, as an attachment (Content-Disposition, nosniff)"},
                                {"content", {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
                       {"404", error}}}};
  }
}

}  // namespace pcmd::api
