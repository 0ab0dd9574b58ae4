// joinedup: every header of the care module, care plans, their lifecycle, the one accountable case
// manager, reviews on time, guarantee measures and personal budget costing. Header-only, no I/O.
#pragma once

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/care/guarantee.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/care/validate.hpp"
