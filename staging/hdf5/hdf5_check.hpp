// HDF5 error checking: every call's result goes through check(), which turns a negative return into an
// sa::Error naming the call (HDF5's own error stack printing is switched off in hdf5_session()).
#pragma once

#include <hdf5.h>

#include <string>

#include "base/error.hpp"

namespace sa::staging::h5 {

inline hid_t check(hid_t id, const char* call, const std::string& what) {
  if (id < 0) throw Error(ErrorKind::Io, std::string(call) + " failed for " + what, Retry::Retryable);
  return id;
}

inline herr_t check_status(herr_t rc, const char* call, const std::string& what) {
  if (rc < 0) throw Error(ErrorKind::Io, std::string(call) + " failed for " + what, Retry::Retryable);
  return rc;
}

// An hid_t closed by the given function when it goes out of scope.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = o.id_;
      close_ = o.close_;
      o.id_ = -1;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

}  // namespace sa::staging::h5
