#include "api/errors.h"

#include <gtest/gtest.h>

namespace pcmd::api {
namespace {

TEST(ToHttpStatus, MapsEveryCode) {
  EXPECT_EQ(ToHttpStatus(base::InvalidArgument("x")), 422);
  EXPECT_EQ(ToHttpStatus(base::InvalidArgument("x").WithMachineCode("malformed_json")), 400);
  EXPECT_EQ(ToHttpStatus(base::NotFound("x")), 404);
  EXPECT_EQ(ToHttpStatus(base::Conflict("x")), 409);
  EXPECT_EQ(ToHttpStatus(base::AlreadyExists("x")), 409);
  EXPECT_EQ(ToHttpStatus(base::Unauthenticated("x")), 401);
  EXPECT_EQ(ToHttpStatus(base::PermissionDenied("x")), 403);
  EXPECT_EQ(ToHttpStatus(base::ResourceExhausted("x").WithMachineCode("payload_too_large")), 413);
  EXPECT_EQ(ToHttpStatus(base::Unavailable("x")), 503);
  EXPECT_EQ(ToHttpStatus(base::Internal("x")), 500);
}

TEST(ErrorResponse, HasTheEnvelopeWithFields) {
  base::Validation v;
  v.Add("date", "required", "Ngày là bắt buộc", "date is required");
  http::Response r = ErrorResponse(v.ToStatus());
  EXPECT_EQ(r.status, 422);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "validation_failed");
  EXPECT_EQ(j["error"]["message_vi"], "Dữ liệu không hợp lệ");
  EXPECT_EQ(j["error"]["fields"][0]["field"], "date");
}

TEST(ErrorResponse, HidesInternalDetail) {
  http::Response r = ErrorResponse(base::Internal("sqlite said: table secret_stuff"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret_stuff"), std::string::npos);
}

}  // namespace
}  // namespace pcmd::api
