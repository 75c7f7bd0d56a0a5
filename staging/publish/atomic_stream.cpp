// Buffered ostream over AtomicFile.
#include "publish/atomic_stream.hpp"

#include "base/error.hpp"

namespace sa::staging {

AtomicFileStream::Buf::Buf(AtomicFile& f) : file_(f) { setp(buf_.data(), buf_.data() + buf_.size()); }

int AtomicFileStream::Buf::overflow(int ch) {
  if (sync() != 0) return traits_type::eof();
  if (ch != traits_type::eof()) {
    *pptr() = static_cast<char>(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

int AtomicFileStream::Buf::sync() {
  const auto n = static_cast<std::size_t>(pptr() - pbase());
  if (n) file_.append(pbase(), n);  // throws sa::Error(Io); the stream turns it into badbit
  setp(buf_.data(), buf_.data() + buf_.size());
  return 0;
}

AtomicFileStream::AtomicFileStream(std::filesystem::path final_path, unsigned mode)
    : std::ostream(nullptr), file_(std::move(final_path), mode), buf_(file_) {
  rdbuf(&buf_);
  exceptions(std::ios::badbit);  // an I/O error surfaces as the exception it was
}

void AtomicFileStream::publish() {
  flush();
  file_.publish();
}

}  // namespace sa::staging
