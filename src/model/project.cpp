#include "model/project.h"

namespace rampart::model {

std::string_view to_string(MatchKind match) { return match == MatchKind::Direct ? "direct" : "indirect"; }

}  // namespace rampart::model
