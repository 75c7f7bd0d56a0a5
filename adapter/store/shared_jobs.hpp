// A PC1 batch job runs several tasks' attempts. Cancelling one task must not kill the job while another
// task still needs it; the cancelled task's rank then runs on and its result is ignored.
#pragma once

#include "store/store.hpp"

namespace sa::adapter {

// Whether another active attempt of a task that is not cancelled shares `a`'s job.
bool job_needed_by_others(const Store& store, const AttemptRecord& a);

}  // namespace sa::adapter
