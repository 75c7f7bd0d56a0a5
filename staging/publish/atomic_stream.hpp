// An std::ostream onto an AtomicFile, for documents written piece by piece (a Commit1Out of a 32GiB sector
// is ~50 MB of JSON): nothing is held but a small buffer, and the file appears whole or not at all.
#pragma once

#include <array>
#include <ostream>
#include <streambuf>

#include "publish/atomic_file.hpp"

namespace sa::staging {

class AtomicFileStream : public std::ostream {
 public:
  explicit AtomicFileStream(std::filesystem::path final_path, unsigned mode = 0644);
  // Flushes the buffer and renames the file into place; throws sa::Error(Io) on failure.
  void publish();
  // Where the bytes are until publish(): after flush(), a reader may check them there first.
  const std::filesystem::path& temp_path() const { return file_.temp_path(); }

 private:
  class Buf : public std::streambuf {
   public:
    explicit Buf(AtomicFile& f);
    int overflow(int ch) override;
    int sync() override;

   private:
    AtomicFile& file_;
    std::array<char, 1 << 16> buf_{};
  };
  AtomicFile file_;
  Buf buf_;
};

}  // namespace sa::staging
