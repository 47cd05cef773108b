#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"

namespace pcmd::http {

// Limits and timeouts of the HTTP server. Bodies over `max_body_bytes` get a 413 with
// the error envelope; bodies over `max_upload_bytes` (the hard cap for routes that
// accept uploads) and oversized URLs or headers close the connection.
struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 4;
  std::size_t max_body_bytes = 1u << 20;
  std::size_t max_upload_bytes = 32u << 20;
  std::size_t max_url_bytes = 8u << 10;
  std::size_t max_header_field_bytes = 8u << 10;
  std::size_t max_header_count = 100;
  std::size_t max_connections = 1024;
  int read_timeout_ms = 30000;
  int write_timeout_ms = 30000;
  int handle_timeout_ms = 60000;
  int shutdown_grace_ms = 10000;
};

// Turns a failed Status into the reply the client sees; supplied by api/, the one
// place where error codes become HTTP statuses.
using ErrorResponder = std::function<Response(const base::Status&)>;

// The Server is pcmd's HTTP front door over RESTinio (the only code that includes it):
// a fixed pool of worker threads, keep-alive, limits, security headers on every reply,
// gzip, request ids, an access log line per request, the API routes and the static
// front end. Run blocks until SIGTERM/SIGINT or Stop: it then stops accepting,
// lets in-flight requests finish (up to the grace period) and returns ok.
class Server {
 public:
  Server(ServerOptions options, const Router& router, const StaticFiles& static_files,
         ErrorResponder error_responder);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // `on_listening` runs once the socket accepts connections.
  base::Status Run(const std::function<void()>& on_listening);
  // Asks a running server to stop as on SIGTERM; safe from any thread.
  void Stop();

  // Handles one request without a socket (the same path a real request takes).
  Response Handle(Request& request) const;

 private:
  struct Impl;
  ServerOptions options_;
  const Router& router_;
  const StaticFiles& static_files_;
  ErrorResponder error_responder_;
  std::unique_ptr<Impl> impl_;
};

// The headers every reply carries (CSP without external origins, nosniff, no framing,
// no referrer), plus Cache-Control: no-store for API paths.
void AddSecurityHeaders(std::string_view path, Response& response);

}  // namespace pcmd::http
