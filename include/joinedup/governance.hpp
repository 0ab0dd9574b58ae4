// joinedup: every header of the governance module: the single commissioning arrangement and its
// accountability lines, the scheme of delegation with decide(), integration progress measures,
// and the hash-chained audit trail's entries and verification. Header-only, no I/O.
#pragma once

#include "joinedup/governance/audit.hpp"
#include "joinedup/governance/commissioner.hpp"
#include "joinedup/governance/delegation.hpp"
#include "joinedup/governance/integration.hpp"
#include "joinedup/governance/progress.hpp"
