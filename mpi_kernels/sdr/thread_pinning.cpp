// pin_current_thread via sched_setaffinity(0, …), which on Linux applies to the calling thread only.
#include "sdr/thread_pinning.hpp"

#include <sched.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace sa::kernels {

void pin_current_thread(int core) {
  if (core < 0 || core >= CPU_SETSIZE) {
    throw Error(ErrorKind::Resource, "cannot pin a thread to core " + std::to_string(core) + ": no such core id");
  }
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<unsigned>(core), &set);
  if (::sched_setaffinity(0, sizeof set, &set) != 0) {
    throw Error(ErrorKind::Resource, "cannot pin a thread to core " + std::to_string(core) + ": " +
                                         std::strerror(errno) + " (outside this process's cpuset?)");
  }
}

}  // namespace sa::kernels
