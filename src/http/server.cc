#include "http/server.h"

#include <restinio/all.hpp>

#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

#include "base/id.h"
#include "base/log.h"
#include "http/gzip.h"

namespace pcmd::http {
namespace {

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
};

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool IsApi(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

void AddSecurityHeaders(std::string_view path, Response& r) {
  r.WithHeader("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'");
  r.WithHeader("X-Content-Type-Options", "nosniff");
  r.WithHeader("X-Frame-Options", "DENY");
  r.WithHeader("Referrer-Policy", "no-referrer");
  r.WithHeader("Cross-Origin-Opener-Policy", "same-origin");
  r.WithHeader("Cross-Origin-Resource-Policy", "same-origin");
  r.WithHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (IsApi(path)) r.WithHeader("Cache-Control", "no-store");
}

// An io_context whose services can be shut down while the RESTinio server still
// exists: leftover keep-alive connections are destroyed then, and they still use the
// server's connection limiter on the way out.
class ServerContext : public restinio::asio_ns::io_context {
 public:
  void ShutDownServices() { shutdown(); }
};

struct Server::Impl {
  ServerContext ioctx;
  std::atomic<int> inflight{0};
  std::atomic<bool> stopping{false};
  std::thread drainer;
  std::function<void()> request_stop;
};

Server::Server(ServerOptions options, const Router& router, const StaticFiles& static_files,
               ErrorResponder error_responder)
    : options_(std::move(options)),
      router_(router),
      static_files_(static_files),
      error_responder_(std::move(error_responder)),
      impl_(std::make_unique<Impl>()) {}

Server::~Server() {
  if (impl_->drainer.joinable()) impl_->drainer.join();
}

Response Server::Handle(Request& req) const {
  Response resp;
  if (IsApi(req.path)) {
    const Route* route = nullptr;
    switch (router_.Match(req.method, req.path, &route, req.path_params)) {
      case Router::MatchResult::kNoPath:
        resp = error_responder_(base::NotFound("no such api route")
                                    .WithVi("Không có đường dẫn API này")
                                    .WithMachineCode("route_not_found"));
        break;
      case Router::MatchResult::kWrongMethod:
        resp = error_responder_(base::InvalidArgument("method not allowed on this route")
                                    .WithVi("Phương thức không được phép")
                                    .WithMachineCode("method_not_allowed"));
        break;
      case Router::MatchResult::kFound: {
        req.route = route->pattern;
        const std::size_t limit = route->max_body_bytes ? route->max_body_bytes : options_.max_body_bytes;
        if (req.body.size() > limit) {
          resp = error_responder_(base::ResourceExhausted("request body too large")
                                      .WithVi("Dữ liệu gửi lên quá lớn")
                                      .WithMachineCode("payload_too_large"));
          break;
        }
        try {
          resp = route->handler(req);
        } catch (const std::exception& e) {
          base::LogError("handler failed", {{"request_id", req.request_id},
                                            {"route", req.route},
                                            {"error", e.what()}});
          resp = error_responder_(base::Internal("unexpected error"));
        }
        break;
      }
    }
  } else if (req.method == "GET" || req.method == "HEAD") {
    resp = static_files_.Serve(req.path, AcceptsGzip(req.Header("accept-encoding").value_or("")),
                               req.Header("if-none-match"));
  } else {
    resp = error_responder_(base::InvalidArgument("method not allowed")
                                .WithMachineCode("method_not_allowed")
                                .WithVi("Phương thức không được phép"));
  }
  AddSecurityHeaders(req.path, resp);
  resp.WithHeader("X-Request-Id", req.request_id);
  bool already_encoded = false;
  for (const auto& [k, v] : resp.headers) already_encoded |= (k == "Content-Encoding");
  if (!already_encoded && resp.body.size() > 1024 && IsApi(req.path) &&
      AcceptsGzip(req.Header("accept-encoding").value_or(""))) {
    if (auto gz = Gzip(resp.body)) {
      resp.body = std::move(*gz);
      resp.WithHeader("Content-Encoding", "gzip");
      resp.WithHeader("Vary", "Accept-Encoding");
    }
  }
  if (req.method == "HEAD") resp.body.clear();
  return resp;
}

base::Status Server::Run(const std::function<void()>& on_listening) {
  Impl& impl = *impl_;
  using namespace std::chrono;

  auto handler = [this, &impl](restinio::request_handle_t rh) {
    ++impl.inflight;
    const auto started = steady_clock::now();
    Request req;
    req.method = rh->header().method().c_str();
    req.path = PercentDecode(rh->header().path(), false);
    req.query = ParseQuery(rh->header().query());
    for (const auto& field : rh->header()) {
      std::string name = field.name();
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), field.value());
    }
    req.body = rh->body();
    req.request_id = base::RandomHex(8);
    req.remote_address = rh->remote_endpoint().address().to_string();

    Response resp = Handle(req);

    auto out = rh->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
        ReasonPhrase(resp.status)});
    if (resp.status != 304 && resp.status != 204) {
      out.append_header(restinio::http_field::content_type, resp.content_type);
    }
    for (auto& [k, v] : resp.headers) out.append_header(k, v);
    out.set_body(std::move(resp.body));
    out.done();
    const auto ms = duration_cast<microseconds>(steady_clock::now() - started).count() / 1000.0;
    base::Log(resp.status >= 500 ? base::LogLevel::kError : base::LogLevel::kInfo, "request",
              {{"request_id", req.request_id},
               {"method", req.method},
               {"route", req.route.empty() ? (IsApi(req.path) ? "(unknown)" : "(static)") : req.route},
               {"status", std::to_string(resp.status)},
               {"ms", std::to_string(ms)}});
    --impl.inflight;
    return restinio::request_accepted();
  };

  try {
    restinio::http_server_t<Traits> server{
        restinio::external_io_context(impl.ioctx), [&](auto& settings) {
          settings.address(options_.host)
              .port(options_.port)
              .request_handler(handler)
              .read_next_http_message_timelimit(milliseconds(options_.read_timeout_ms))
              .write_http_response_timelimit(milliseconds(options_.write_timeout_ms))
              .handle_request_timeout(milliseconds(options_.handle_timeout_ms))
              .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                            .max_url_size(options_.max_url_bytes)
                                            .max_field_name_size(1024)
                                            .max_field_value_size(options_.max_header_field_bytes)
                                            .max_field_count(options_.max_header_count)
                                            .max_body_size(options_.max_upload_bytes))
              .max_parallel_connections(options_.max_connections);
        }};

    std::exception_ptr failure;
    impl.request_stop = [this, &server, &impl] {
      if (impl.stopping.exchange(true)) return;
      base::LogInfo("stopping: no new connections; finishing requests in flight");
      server.close_async(
          [this, &impl] {
            impl.drainer = std::thread([this, &impl] {
              const auto deadline = steady_clock::now() + milliseconds(options_.shutdown_grace_ms);
              while (impl.inflight.load() > 0 && steady_clock::now() < deadline) {
                std::this_thread::sleep_for(milliseconds(10));
              }
              std::this_thread::sleep_for(milliseconds(50));  // let the last replies flush
              impl.ioctx.stop();
            });
          },
          [&impl](std::exception_ptr) { impl.ioctx.stop(); });
    };

    restinio::asio_ns::signal_set signals(impl.ioctx, SIGINT, SIGTERM);
    signals.async_wait([&impl](const auto& ec, int) {
      if (!ec) impl.request_stop();
    });

    server.open_async([&on_listening] { on_listening(); },
                      [&impl, &failure](std::exception_ptr ex) {
                        failure = ex;
                        impl.ioctx.stop();
                      });

    std::vector<std::thread> workers;
    for (int i = 0; i < std::max(1, options_.threads); ++i) {
      workers.emplace_back([&impl] { impl.ioctx.run(); });
    }
    for (auto& w : workers) w.join();
    if (impl.drainer.joinable()) impl.drainer.join();
    impl.request_stop = nullptr;
    impl.ioctx.ShutDownServices();
    if (failure) std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return base::Unavailable(std::string("http server: ") + e.what());
  }
  return base::Status::Ok();
}

void Server::Stop() {
  if (impl_->request_stop) {
    restinio::asio_ns::post(impl_->ioctx, [this] {
      if (impl_->request_stop) impl_->request_stop();
    });
  }
}

}  // namespace pcmd::http
